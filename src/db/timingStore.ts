import { and, inArray, sql, type SQL } from 'drizzle-orm';
import {
  decompose,
  filtersClicks,
  hourAligned,
  HOUR,
  HOUR_MS,
  QUARTER,
  QUARTER_MS,
  DAY,
  type BotMode,
  type PostBucketCount,
  type StatsScope,
  type TimingStore,
  type UnattributedCount,
  type WeekHourCount,
  type ZoneOffset,
} from '../domain/index.js';
import type { Database } from './database.js';
import { linkCondition as linksOf, profileFilters as clickFiltersOf } from './statsWhere.js';
import { narrowingScopes } from './narrowedScopes.js';
import { links } from './schema.js';
import { counterLinks as L, counterProfiles as P } from './counterSchema.js';

const BOTS: Record<BotMode, string> = { exclude: '0', include: '0, 1', only: '1' };

/**
 * A whole number written into the SQL: D1 may bind JS numbers as REAL, which would turn the
 * integer divisions below into float ones; every value here is computed, never user text.
 */
function int(n: number): SQL {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number: ${n}`);
  return sql.raw(String(n));
}

/** The links a scope names, as a condition on `links` (true when it names none). */
const linkCondition = (scope: StatsScope): SQL => linksOf(scope) ?? sql`1`;

/** The scope's click filters on counter_profiles rows (true when it has none). */
const profileFilters = (scope: StatsScope): SQL => clickFiltersOf(scope) ?? sql`1`;

/** `bucket + offset`, the offset chosen by which stretch of the zone the bucket starts in. */
function localBucket(bucket: SQL, offsets: readonly ZoneOffset[]): SQL {
  if (offsets.length === 1) return sql`(${bucket} + ${int(offsets[0]!.offset)})`;
  const cases = offsets.slice(0, -1).map((o) => sql`WHEN ${bucket} < ${int(o.to)} THEN ${int(o.offset)}`);
  return sql`(${bucket} + CASE ${sql.join(cases, sql` `)} ELSE ${int(offsets[offsets.length - 1]!.offset)} END)`;
}

/**
 * Week hours and post clocks from the counters: counter_links' 'all' rows (quarter hours, and
 * hours where the zone allows), or counter_profiles' quarter hours when clicks are filtered.
 */
export function createTimingStore(db: Database): TimingStore {
  return narrowingScopes<TimingStore>({
    async weekHours(scope, from, to, bots, offsets) {
      const filtered = filtersClicks(scope);
      const spans =
        !filtered && hourAligned(offsets) ? decompose(from, to, [QUARTER, HOUR]) : [{ grain: QUARTER, from, to }];
      const parts = spans.map((span) => {
        const table = filtered ? P : L;
        const where = filtered
          ? sql`${P.grain} = ${int(span.grain)} AND ${profileFilters(scope)}`
          : sql`${L.dim} = 'all' AND ${L.grain} = ${int(span.grain)}`;
        const weekHour = sql`((${localBucket(sql`${table.bucket}`, offsets)} / ${int(HOUR_MS)} + 72) % 168)`;
        return sql`SELECT ${table.linkId} AS link_id, ${weekHour} AS week_hour, ${table.clicks} AS clicks, ${table.uniques} AS uniques
          FROM ${table}
          WHERE ${table.linkId} IN (SELECT ${links.id} FROM ${links} WHERE ${linkCondition(scope)})
            AND ${where} AND ${table.bucket} >= ${int(span.from)} AND ${table.bucket} < ${int(span.to)}
            AND ${table.bot} IN (${sql.raw(BOTS[bots])})`;
      });
      const rows = await db.all<{ week_hour: number; posts: number; clicks: number; uniques: number }>(sql`
        SELECT week_hour, count(DISTINCT link_id) AS posts, sum(clicks) AS clicks, sum(uniques) AS uniques
        FROM (${sql.join(parts, sql` UNION ALL `)}) GROUP BY week_hour`);
      return rows.map((r): WeekHourCount => ({
        weekHour: Number(r.week_hour),
        clicks: Number(r.clicks),
        uniques: Number(r.uniques),
        posts: Number(r.posts),
      }));
    },

    async postBuckets(scope, posted, quarters, bots) {
      const filtered = filtersClicks(scope);
      const postedAt = sql`coalesce(${links.postedAt}, ${links.createdAt})`;
      const inRange = posted ? sql`AND ${postedAt} >= ${int(posted.from)} AND ${postedAt} < ${int(posted.to)}` : sql``;
      const table = filtered ? P : L;
      const rowsOf = filtered
        ? sql`${P.grain} = 15 AND ${profileFilters(scope)}`
        : sql`${L.dim} = 'all' AND ${L.grain} = 15`;
      // Rows as stored (no GROUP BY: its temp B-tree cost more than the read), summed by the caller.
      // Posts first, then one index seek per post on (link_id, [dim,] grain, bucket): CROSS JOIN
      // keeps SQLite from scanning the counters with the posts inside.
      const rows = await db.all<{ link_id: number; at: number; clicks: number; uniques: number }>(sql`
        SELECT ${table.linkId} AS link_id, ${table.bucket} AS at, ${table.clicks} AS clicks, ${table.uniques} AS uniques
        FROM (SELECT ${links.id} AS id, (${postedAt} / ${int(QUARTER_MS)}) * ${int(QUARTER_MS)} AS start
              FROM ${links} WHERE ${linkCondition(scope)} ${inRange}) AS posts
        CROSS JOIN ${table} ON ${table.linkId} = posts.id AND ${rowsOf}
          AND ${table.bucket} >= posts.start + ${int(quarters.from * QUARTER_MS)}
          AND ${table.bucket} < posts.start + ${int(quarters.to * QUARTER_MS)}
          AND ${table.bot} IN (${sql.raw(BOTS[bots])})`);
      return rows.map((r): PostBucketCount => ({
        linkId: Number(r.link_id),
        at: Number(r.at),
        clicks: Number(r.clicks),
        uniques: Number(r.uniques),
      }));
    },

    async unattributed(scope, from, to) {
      // Summed in SQL per network: the per-link, per-day, per-value rows are many and only two values matter.
      const filtered = filtersClicks(scope);
      const parts = (filtered ? [{ grain: QUARTER, from, to }] : decompose(from, to, [QUARTER, DAY])).map((span) =>
        span.grain === DAY
          ? sql`SELECT ${links.network} AS network,
                  sum(CASE WHEN ${L.dim} = 'referrer' THEN ${L.clicks} ELSE 0 END) AS no_referrer,
                  sum(CASE WHEN ${L.dim} = 'source' THEN ${L.clicks} ELSE 0 END) AS direct
                FROM ${links} CROSS JOIN ${L} ON ${L.linkId} = ${links.id} AND ${L.dim} IN ('referrer', 'source') AND ${L.grain} = ${int(DAY)}
                  AND ${L.bucket} >= ${int(span.from)} AND ${L.bucket} < ${int(span.to)} AND ${L.bot} = 0
                  AND ((${L.dim} = 'referrer' AND ${L.value} = '') OR (${L.dim} = 'source' AND ${L.value} = 'direct'))
                WHERE ${linkCondition(scope)} GROUP BY ${links.network}`
          : sql`SELECT ${links.network} AS network,
                  sum(CASE WHEN ${P.referrer} = '' THEN ${P.clicks} ELSE 0 END) AS no_referrer,
                  sum(CASE WHEN ${P.source} = 'direct' THEN ${P.clicks} ELSE 0 END) AS direct
                FROM ${links} CROSS JOIN ${P} ON ${P.linkId} = ${links.id} AND ${P.grain} = ${int(QUARTER)}
                  AND ${P.bucket} >= ${int(span.from)} AND ${P.bucket} < ${int(span.to)} AND ${P.bot} = 0 AND ${profileFilters(scope)}
                WHERE ${linkCondition(scope)} GROUP BY ${links.network}`,
      );
      const out = new Map<string | null, UnattributedCount>();
      for (const part of parts) {
        for (const r of await db.all<{ network: string | null; no_referrer: number; direct: number }>(part)) {
          const n = out.get(r.network) ?? { network: r.network, noReferrer: 0, direct: 0 };
          n.noReferrer += Number(r.no_referrer);
          n.direct += Number(r.direct);
          out.set(r.network, n);
        }
      }
      return [...out.values()];
    },
  });
}
