import { sql } from 'drizzle-orm';
import { decompose, filtersClicks, QUARTER, DAY, type TimingStore, type NetworkClicks } from '../domain/index.js';
import type { Database } from './database.js';
import { narrowingScopes } from './narrowedScopes.js';
import { postClockQueries } from './postClockQueries.js';
import { links } from './schema.js';
import { counterLinks as L, counterProfiles as P } from './counterSchema.js';
import { int, linkCondition, profileFilters } from './timingSql.js';
import { weekHourQueries } from './weekHourQueries.js';

/**
 * Week hours (weekHourQueries.ts), post clocks (postClockQueries.ts) and unattributed clicks
 * from the counters: counter_links' rows, or counter_profiles' when clicks are filtered.
 */
export function createTimingStore(db: Database): TimingStore {
  return narrowingScopes<TimingStore>({
    ...weekHourQueries(db),
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
