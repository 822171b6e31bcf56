import { sql, type SQL } from 'drizzle-orm';
import {
  decompose,
  filtersClicks,
  hourAligned,
  HOUR,
  HOUR_MS,
  QUARTER,
  DAY,
  WEEK_HOURS,
  grainMs,
  weekHoursOfBuckets,
  type Grain,
  type TimingStore,
  type NetworkClicks,
  type WeekHourCount,
  type ZoneOffset,
} from '../domain/index.js';
import type { Database } from './database.js';
import { narrowingScopes } from './narrowedScopes.js';
import { postClockQueries } from './postClockQueries.js';
import { links } from './schema.js';
import { counterLinks as L, counterProfiles as P, counterTotals as T } from './counterSchema.js';
import { counterTableFor } from './counterTable.js';
import { BOTS, int, linkCondition, packed, profileFilters, unpack } from './timingSql.js';

/** `bucket + offset`, the offset chosen by which stretch of the zone the bucket starts in. */
function localBucket(bucket: SQL, offsets: readonly ZoneOffset[]): SQL {
  if (offsets.length === 1) return sql`(${bucket} + ${int(offsets[0]!.offset)})`;
  const cases = offsets.slice(0, -1).map((o) => sql`WHEN ${bucket} < ${int(o.to)} THEN ${int(o.offset)}`);
  return sql`(${bucket} + CASE ${sql.join(cases, sql` `)} ELSE ${int(offsets[offsets.length - 1]!.offset)} END)`;
}

/** The local week hour of a UTC bucket start, Monday 0 (1970-01-01 was a Thursday: + 72 hours). */
const weekHourOf = (bucket: SQL, offsets: readonly ZoneOffset[]): SQL =>
  sql`((${localBucket(bucket, offsets)} / ${int(HOUR_MS)} + 72) % ${int(WEEK_HOURS)})`;

type WeekHourArgs = Parameters<TimingStore['weekHours']>;

/**
 * Without click filters, from the 'all' rows of quarter hours (and hours where the zone allows),
 * bucketed here by the offsets: clicks and uniques summed per bucket in SQL, from counter_totals
 * when the scope is every link (as /api/stats reads them), else from the scope's counter_links
 * rows; the posts clicked in each cell from one packed list of bucket numbers per post and span.
 * A distinct count of posts per week hour in SQL cost two sorts; per post, the rows come in
 * index order and the list costs little more than reading them.
 */
async function linkWeekHours(
  db: Database,
  ...[scope, from, to, bots, offsets]: WeekHourArgs
): Promise<WeekHourCount[]> {
  const spans = hourAligned(offsets) ? decompose(from, to, [QUARTER, HOUR]) : [{ grain: QUARTER, from, to }];
  const cells = Array.from({ length: WEEK_HOURS }, (_, weekHour): WeekHourCount => ({
    weekHour,
    clicks: 0,
    uniques: 0,
    posts: 0,
  }));
  const seen = new Map<number, Uint8Array>();
  for (const span of spans) {
    const ms = grainMs(span.grain as Grain);
    const first = Math.floor(span.from / ms);
    const weekHours = weekHoursOfBuckets(first * ms, span.to, ms, offsets);
    const rowsOf = (t: typeof L | typeof T) =>
      sql`${t.dim} = 'all' AND ${t.grain} = ${int(span.grain)} AND ${t.bucket} >= ${int(span.from)}
        AND ${t.bucket} < ${int(span.to)} AND ${t.bot} IN (${sql.raw(BOTS[bots])})`;
    const sums =
      counterTableFor(scope, { of: 'counts', perLink: false }, span.grain as Grain) === 'totals'
        ? sql`SELECT ${T.bucket} AS bucket, sum(${T.clicks}) AS clicks, sum(${T.uniques}) AS uniques
            FROM ${T} WHERE ${rowsOf(T)} GROUP BY ${T.bucket}`
        : sql`SELECT ${L.bucket} AS bucket, sum(${L.clicks}) AS clicks, sum(${L.uniques}) AS uniques
            FROM ${L} WHERE ${L.linkId} IN (SELECT ${links.id} FROM ${links} WHERE ${linkCondition(scope)}) AND ${rowsOf(L)}
            GROUP BY ${L.bucket}`;
    for (const r of await db.all<{ bucket: number; clicks: number; uniques: number }>(sums)) {
      const cell = cells[weekHours[Number(r.bucket) / ms - first]!]!;
      cell.clicks += Number(r.clicks);
      cell.uniques += Number(r.uniques);
    }
    const perPost = await db.all<{ link_id: number; list: string | null }>(sql`
      SELECT ${links.id} AS link_id, ${packed([sql`${L.bucket} / ${int(ms)}`])} AS list
      FROM ${links} CROSS JOIN ${L} ON ${L.linkId} = ${links.id} AND ${rowsOf(L)}
      WHERE ${linkCondition(scope)}
      GROUP BY ${links.id}`);
    for (const r of perPost) {
      const id = Number(r.link_id);
      let mark = seen.get(id);
      if (!mark) seen.set(id, (mark = new Uint8Array(WEEK_HOURS)));
      for (const n of unpack(r.list)) {
        const h = weekHours[n - first]!;
        if (mark[h]) continue;
        mark[h] = 1;
        cells[h]!.posts++;
      }
    }
  }
  return cells.filter((c) => c.posts > 0 || c.clicks > 0 || c.uniques > 0);
}

/** With click filters, from counter_profiles' quarter hours, summed per week hour in SQL. */
async function filteredWeekHours(
  db: Database,
  ...[scope, from, to, bots, offsets]: WeekHourArgs
): Promise<WeekHourCount[]> {
  const rows = await db.all<{ week_hour: number; posts: number; clicks: number; uniques: number }>(sql`
    SELECT ${weekHourOf(sql`${P.bucket}`, offsets)} AS week_hour, count(DISTINCT ${P.linkId}) AS posts,
      sum(${P.clicks}) AS clicks, sum(${P.uniques}) AS uniques
    FROM ${P}
    WHERE ${P.linkId} IN (SELECT ${links.id} FROM ${links} WHERE ${linkCondition(scope)})
      AND ${P.grain} = ${int(QUARTER)} AND ${profileFilters(scope)}
      AND ${P.bucket} >= ${int(from)} AND ${P.bucket} < ${int(to)} AND ${P.bot} IN (${sql.raw(BOTS[bots])})
    GROUP BY week_hour`);
  return rows.map((r): WeekHourCount => ({
    weekHour: Number(r.week_hour),
    clicks: Number(r.clicks),
    uniques: Number(r.uniques),
    posts: Number(r.posts),
  }));
}

/**
 * Week hours, post clocks and unattributed clicks from the counters: counter_links' rows, or
 * counter_profiles' when clicks are filtered.
 */
export function createTimingStore(db: Database): TimingStore {
  return narrowingScopes<TimingStore>({
    async weekHours(scope, from, to, bots, offsets) {
      return filtersClicks(scope)
        ? filteredWeekHours(db, scope, from, to, bots, offsets)
        : linkWeekHours(db, scope, from, to, bots, offsets);
    },

    ...postClockQueries(db),

    async networkClicks(scope, from, to) {
      // Summed in SQL per network: the per-link, per-day, per-value rows are many and few matter.
      // Days read the 'all' rows and the value rows apart: one statement with both cost more.
      const filtered = filtersClicks(scope);
      const day = (span: { from: number; to: number }) => sql`${L.grain} = ${int(DAY)}
        AND ${L.bucket} >= ${int(span.from)} AND ${L.bucket} < ${int(span.to)}`;
      const parts = (filtered ? [{ grain: QUARTER, from, to }] : decompose(from, to, [QUARTER, DAY])).flatMap((span) =>
        span.grain === DAY
          ? [
              sql`SELECT ${links.network} AS network,
                  sum(CASE WHEN ${L.bot} = 0 THEN ${L.clicks} ELSE 0 END) AS clicks,
                  sum(CASE WHEN ${L.bot} = 1 THEN ${L.clicks} ELSE 0 END) AS bots, 0 AS no_referrer, 0 AS direct
                FROM ${links} CROSS JOIN ${L} ON ${L.linkId} = ${links.id} AND ${L.dim} = 'all' AND ${day(span)}
                WHERE ${linkCondition(scope)} GROUP BY ${links.network}`,
              sql`SELECT ${links.network} AS network, 0 AS clicks, 0 AS bots,
                  sum(CASE WHEN ${L.dim} = 'referrer' THEN ${L.clicks} ELSE 0 END) AS no_referrer,
                  sum(CASE WHEN ${L.dim} = 'source' THEN ${L.clicks} ELSE 0 END) AS direct
                FROM ${links} CROSS JOIN ${L} ON ${L.linkId} = ${links.id} AND ${L.dim} IN ('referrer', 'source')
                  AND ${day(span)} AND ${L.bot} = 0
                  AND ((${L.dim} = 'referrer' AND ${L.value} = '') OR (${L.dim} = 'source' AND ${L.value} = 'direct'))
                WHERE ${linkCondition(scope)} GROUP BY ${links.network}`,
            ]
          : [
              sql`SELECT ${links.network} AS network,
                  sum(CASE WHEN ${P.bot} = 0 THEN ${P.clicks} ELSE 0 END) AS clicks,
                  sum(CASE WHEN ${P.bot} = 1 THEN ${P.clicks} ELSE 0 END) AS bots,
                  sum(CASE WHEN ${P.bot} = 0 AND ${P.referrer} = '' THEN ${P.clicks} ELSE 0 END) AS no_referrer,
                  sum(CASE WHEN ${P.bot} = 0 AND ${P.source} = 'direct' THEN ${P.clicks} ELSE 0 END) AS direct
                FROM ${links} CROSS JOIN ${P} ON ${P.linkId} = ${links.id} AND ${P.grain} = ${int(QUARTER)}
                  AND ${P.bucket} >= ${int(span.from)} AND ${P.bucket} < ${int(span.to)} AND ${profileFilters(scope)}
                WHERE ${linkCondition(scope)} GROUP BY ${links.network}`,
            ],
      );
      const out = new Map<string | null, NetworkClicks>();
      for (const part of parts) {
        type Row = { network: string | null; clicks: number; bots: number; no_referrer: number; direct: number };
        for (const r of await db.all<Row>(part)) {
          const n = out.get(r.network) ?? { network: r.network, clicks: 0, noReferrer: 0, direct: 0, bots: 0 };
          n.clicks += Number(r.clicks);
          n.bots += Number(r.bots);
          n.noReferrer += Number(r.no_referrer);
          n.direct += Number(r.direct);
          out.set(r.network, n);
        }
      }
      return [...out.values()];
    },
  });
}
