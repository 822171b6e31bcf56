/**
 * `hours` of counter_links ('all') and counter_filter_links: on a link's day row, bit h is set
 * when the link had clicks in UTC hour h of that day (that bot value, that filter value). The
 * heatmap's posts per cell read one day row per post instead of up to 24 hour rows; writes OR
 * the bits in, rebuilds and migrations 0015 and 0017 fill them from the hour rows.
 */
import { sql } from 'drizzle-orm';
import { bucketStart, DAY, DAY_MS, HOUR_MS } from '../domain/index.js';
import type { BatchStatement, Database } from './database.js';
import { counterFilterLinks, counterLinks } from './counterSchema.js';

/** The bit of the UTC hour a bucket starts in, within its day. */
const hourBit = (bucket: number): number => 1 << Math.floor((bucket % DAY_MS) / HOUR_MS);

/**
 * ORs each quarter row's hour bit into its day row, the one `rollUp(quarters, DAY, into, keyOf)`
 * summed it into: the writes' side of `hours`, for counter_links and counter_filter_links alike.
 */
export function markDayHours<R extends { bucket: number; hours?: number | null }>(
  quarters: readonly R[],
  into: Map<string, R>,
  keyOf: (r: R, bucket: number) => string,
): void {
  for (const r of quarters) {
    const day = into.get(`${DAY}\t${keyOf(r, bucketStart(r.bucket, DAY))}`)!;
    day.hours = (day.hours ?? 0) | hourBit(r.bucket);
  }
}

/** Where each table keeps `hours`: its own key columns besides grain, bucket and bot, and its 'all' rows. */
const DAY_HOURS = {
  links: { table: counterLinks, name: 'counter_links', own: ['link_id'], all: ["dim = 'all'"], day: ["value = ''"] },
  filterLinks: {
    table: counterFilterLinks,
    name: 'counter_filter_links',
    own: ['link_id', 'filter', 'filter_value'],
    all: [],
    day: [],
  },
} as const;

/**
 * Sets `hours` on the day rows of counter_links ('all' rows) or counter_filter_links from their
 * hour rows with buckets matching `where` (a constant condition on `bucket`): migrations 0015
 * and 0017 hold its SQL with `true`, a rebuild runs it over the window it recounted. Hour rows
 * are one per key, hour and bot, so summing their bits is OR-ing them.
 */
export function fillDayHours(db: Database, of: keyof typeof DAY_HOURS, where: string): BatchStatement {
  const { table, name, own, all, day } = DAY_HOURS[of];
  const groupBy = [...own, 'day', 'bot'].map((_, i) => i + 1).join(', ');
  const match = [
    ...own.map((k) => `${name}.${k} = h.${k}`),
    ...all.map((c) => `${name}.${c}`),
    `${name}.grain = 1440`,
    `${name}.bucket = h.day`,
    `${name}.bot = h.bot`,
    ...day.map((c) => `${name}.${c}`),
  ];
  return db
    .update(table)
    .set({ hours: sql.raw('h.hours') })
    .from(
      sql.raw(`(SELECT ${own.join(', ')}, bucket - bucket % ${DAY_MS} AS day, bot, sum(1 << (bucket % ${DAY_MS} / ${HOUR_MS})) AS hours
  FROM ${name} WHERE ${[...all, 'grain = 60'].join(' AND ')} AND ${where} GROUP BY ${groupBy}) AS h`),
    )
    .where(sql.raw(`${match.slice(0, 3).join(' AND ')}\n  AND ${match.slice(3).join(' AND ')}`));
}
