/**
 * counter_links' `hours`: on a link's 'all' day row, bit h is set when the link had clicks in
 * UTC hour h of that day (that bot value). The heatmap's posts per cell read one day row per
 * post instead of up to 24 hour rows; writes OR the bits in, rebuilds and migration 0015 fill
 * them from the hour rows.
 */
import { sql } from 'drizzle-orm';
import { DAY_MS, HOUR_MS } from '../domain/index.js';
import type { BatchStatement, Database } from './database.js';
import { counterLinks } from './counterSchema.js';

/** The bit of the UTC hour a bucket starts in, within its day. */
export const hourBit = (bucket: number): number => 1 << Math.floor((bucket % DAY_MS) / HOUR_MS);

/** The hours (0–23) whose bits are set, lowest first. */
export function hoursOf(mask: number): number[] {
  const out: number[] = [];
  for (let m = mask; m !== 0; m &= m - 1) out.push(31 - Math.clz32(m & -m));
  return out;
}

/**
 * Sets `hours` on the 'all' day rows from the 'all' hour rows with buckets matching `where`
 * (a constant condition on `bucket`): migration 0015 holds its SQL with `true`, a rebuild runs
 * it over the window it recounted. Hour rows are one per link, hour and bot, so summing their
 * bits is OR-ing them.
 */
export const fillLinkHours = (db: Database, where: string): BatchStatement =>
  db
    .update(counterLinks)
    .set({ hours: sql.raw('h.hours') })
    .from(
      sql.raw(`(SELECT link_id, bucket - bucket % ${DAY_MS} AS day, bot, sum(1 << (bucket % ${DAY_MS} / ${HOUR_MS})) AS hours
  FROM counter_links WHERE dim = 'all' AND grain = 60 AND ${where} GROUP BY 1, 2, 3) AS h`),
    )
    .where(
      sql.raw(`counter_links.link_id = h.link_id AND counter_links.dim = 'all' AND counter_links.grain = 1440
  AND counter_links.bucket = h.day AND counter_links.bot = h.bot AND counter_links.value = ''`),
    );
