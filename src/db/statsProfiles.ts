import {
  CLICK_DIMENSIONS,
  type BotMode,
  type ClickDimension,
  type DimensionCount,
  type LinkDimensionCount,
  type Span,
  type StatsScope,
} from '../domain/index.js';
import { cityValue } from './counters.js';
import type { Database } from './database.js';
import { counterProfiles as P } from './counterSchema.js';
import { orNull, profileWhere, sum } from './statsWhere.js';

/* Value breakdowns from counter_profiles, which keep every click dimension: for click filters and quarter-hour edges. */

/** Per link and value of the given dimensions, from the span's click profiles. */
export async function profileLinkDimensions(
  db: Database,
  scope: StatsScope,
  span: Span,
  bots: BotMode,
  dims: readonly ClickDimension[],
): Promise<LinkDimensionCount[]> {
  // A city's value carries its country, so asking for cities groups by country too.
  const columns = [...new Set(dims.flatMap((d) => (d === 'city' ? (['country', 'city'] as const) : [d])))];
  const picked = Object.fromEntries(columns.map((c) => [c, P[c]])) as Partial<Record<ClickDimension, typeof P.source>>;
  const rows = await db
    .select({ linkId: P.linkId, ...picked, clicks: sum(P.clicks), uniques: sum(P.uniques) })
    .from(P)
    .where(profileWhere(db, scope, span, bots))
    .groupBy(P.linkId, ...columns.map((c) => P[c]));
  const out: LinkDimensionCount[] = [];
  for (const r of rows as Array<
    { linkId: number; clicks: number; uniques: number } & Partial<Record<ClickDimension, string>>
  >) {
    for (const dim of dims) {
      const value = dim === 'city' ? cityValue(r.country || null, r.city || null) : (r[dim] ?? '');
      out.push({ linkId: r.linkId, dim, value: orNull(value), clicks: r.clicks, uniques: r.uniques });
    }
  }
  return out;
}

/** One row per click profile in the span, fanned out into every dimension. */
export async function profileDimensions(
  db: Database,
  scope: StatsScope,
  span: Span,
  bots: BotMode,
): Promise<DimensionCount[]> {
  const rows = await db
    .select({
      source: P.source,
      referrer: P.referrer,
      country: P.country,
      city: P.city,
      device: P.device,
      os: P.os,
      browser: P.browser,
      qr: P.qr,
      clicks: sum(P.clicks),
      uniques: sum(P.uniques),
    })
    .from(P)
    .where(profileWhere(db, scope, span, bots))
    .groupBy(P.source, P.referrer, P.country, P.city, P.device, P.os, P.browser, P.qr);
  const out: DimensionCount[] = [];
  for (const r of rows) {
    const values = { ...r, city: cityValue(r.country || null, r.city || null) };
    for (const dim of CLICK_DIMENSIONS)
      out.push({ dim, value: orNull(values[dim]), clicks: r.clicks, uniques: r.uniques });
  }
  return out;
}
