/** Counters clocked from each post's posting quarter hour: the lifetime, first24h and insight reads. */
import { sql, type SQL } from 'drizzle-orm';
import {
  QUARTER,
  QUARTER_MS,
  filtersClicks,
  type PostQuarters,
  type PostTotal,
  type TimingStore,
} from '../domain/index.js';
import type { Database } from './database.js';
import { links } from './schema.js';
import { counterLinks as L, counterProfiles as P } from './counterSchema.js';
import { BOTS, int, linkCondition, packed, profileFilters, unpack } from './timingSql.js';

type Args = Parameters<TimingStore['postQuarters']>;

/**
 * `SELECT … FROM` the posts of the scope (posted in the range when given) joined to their
 * quarter-hour rows from `quarters.from` to `quarters.to` after the posting quarter hour, as
 * `posts.id`, `posts.start` and `c.*`, grouped per post. Posts first, then one index seek per
 * post on (link_id, [dim,] grain, bucket): CROSS JOIN keeps SQLite from scanning the counters
 * with the posts inside, and the rows come in post order, so GROUP BY needs no sort.
 */
function perPost(columns: (c: typeof L | typeof P) => SQL, [scope, posted, quarters, bots]: Args): SQL {
  const postedAt = sql`coalesce(${links.postedAt}, ${links.createdAt})`;
  const inRange = posted ? sql`AND ${postedAt} >= ${int(posted.from)} AND ${postedAt} < ${int(posted.to)}` : sql``;
  const filtered = filtersClicks(scope);
  const c = filtered ? P : L;
  const rows = filtered
    ? sql`${P.grain} = ${int(QUARTER)} AND ${profileFilters(scope)}`
    : sql`${L.dim} = 'all' AND ${L.grain} = ${int(QUARTER)}`;
  return sql`SELECT posts.id AS link_id, ${columns(c)}
    FROM (SELECT ${links.id} AS id, (${postedAt} / ${int(QUARTER_MS)}) * ${int(QUARTER_MS)} AS start
          FROM ${links} WHERE ${linkCondition(scope)} ${inRange}) AS posts
    CROSS JOIN ${c} ON ${c.linkId} = posts.id AND ${rows}
      AND ${c.bucket} >= posts.start + ${int(quarters.from * QUARTER_MS)}
      AND ${c.bucket} < posts.start + ${int(quarters.to * QUARTER_MS)}
      AND ${c.bot} IN (${sql.raw(BOTS[bots])})
    GROUP BY posts.id`;
}

export function postClockQueries(db: Database): Pick<TimingStore, 'postQuarters' | 'postTotals'> {
  return {
    async postQuarters(...args) {
      // One packed list of (quarter, clicks) per post instead of a row per quarter hour and post.
      const rows = await db.all<{ link_id: number; list: string | null }>(
        perPost(
          (c) => sql`${packed([sql`(${c.bucket} - posts.start) / ${int(QUARTER_MS)}`, sql`${c.clicks}`])} AS list`,
          args,
        ),
      );
      return rows.map((r): PostQuarters => {
        const clicks = new Map<number, number>();
        const list = unpack(r.list);
        for (let i = 0; i < list.length; i += 2) clicks.set(list[i]!, (clicks.get(list[i]!) ?? 0) + list[i + 1]!);
        return { linkId: Number(r.link_id), clicks };
      });
    },

    async postTotals(...args) {
      const rows = await db.all<{ link_id: number; clicks: number; uniques: number }>(
        perPost((c) => sql`sum(${c.clicks}) AS clicks, sum(${c.uniques}) AS uniques`, args),
      );
      return rows.map((r): PostTotal => ({
        linkId: Number(r.link_id),
        clicks: Number(r.clicks),
        uniques: Number(r.uniques),
      }));
    },
  };
}
