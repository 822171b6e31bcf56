import { bucketStart, DAY, HOUR, QUARTER, type Click } from '../domain/index.js';
import { COUNTED_DIMENSIONS, qrValue } from './counterSpec.js';
import type { counterLinks, counterProfiles, counterTotals } from './counterSchema.js';
import { filterRows, type FilterLinksRow, type FiltersRow } from './filterCounters.js';
import { markDayHours } from './linkHours.js';
import { bump, rollUp } from './rowSums.js';

export { COUNTED_DIMENSIONS, COUNTER_GRAINS, type CountedDimension } from './counterSpec.js';
import type { CountedDimension } from './counterSpec.js';

/** A city is only a place together with its country: "FR|Paris"; unknown is ''. */
export const cityValue = (country: string | null, city: string | null): string =>
  city ? `${country ?? ''}|${city}` : '';

export type TotalsRow = typeof counterTotals.$inferInsert;
export type LinksRow = typeof counterLinks.$inferInsert;
export type ProfilesRow = typeof counterProfiles.$inferInsert;

export interface CounterRows {
  totals: TotalsRow[];
  links: LinksRow[];
  profiles: ProfilesRow[];
  filters: FiltersRow[];
  filterLinks: FilterLinksRow[];
}

/** What counting reads of a click. */
export type CountedClick = Pick<
  Click,
  | 'linkId'
  | 'clickedAt'
  | 'bot'
  | 'firstOfDay'
  | 'source'
  | 'country'
  | 'device'
  | 'referrerHost'
  | 'city'
  | 'os'
  | 'browser'
  | 'qr'
>;

/**
 * The counter rows a batch of clicks adds, summed per key. Pure, so tests can check it alone.
 * Clicks are first summed into quarter-hour profiles (one key per click); every other row is
 * derived from those sums, so the per-click cost is one Map lookup, not one per counter row.
 */
export function counterRows(batch: readonly CountedClick[]): CounterRows {
  const quarters = new Map<string, ProfilesRow>();
  for (const c of batch) {
    const bot = c.bot;
    const u = c.firstOfDay && !bot ? 1 : 0;
    const quarter = bucketStart(c.clickedAt, QUARTER);
    const source = c.source,
      country = c.country ?? '',
      device = c.device,
      referrer = c.referrerHost ?? '';
    const city = c.city ?? '',
      os = c.os ?? '',
      browser = c.browser ?? '',
      qr = qrValue(c.qr);
    const key = `${c.linkId}\t${quarter}\t${+bot}\t${source}\t${country}\t${device}\t${referrer}\t${city}\t${os}\t${browser}\t${qr}`;
    const row = quarters.get(key);
    if (row) {
      row.clicks += 1;
      row.uniques += u;
    } else {
      quarters.set(key, {
        linkId: c.linkId,
        grain: QUARTER,
        bucket: quarter,
        bot,
        source,
        country,
        device,
        referrer,
        city,
        os,
        browser,
        qr,
        clicks: 1,
        uniques: u,
      });
    }
  }

  const totalsAll = new Map<string, TotalsRow>();
  const totalsDims = new Map<string, TotalsRow>();
  const linksAll = new Map<string, LinksRow>();
  const linksDims = new Map<string, LinksRow>();
  const values = {} as Record<CountedDimension, string>;
  for (const p of quarters.values()) {
    const { linkId, bot, clicks, uniques: u } = p;
    const b = bot ? 1 : 0;
    const quarter = p.bucket;
    const hour = bucketStart(quarter, HOUR);
    const day = bucketStart(quarter, DAY);
    values.source = p.source;
    values.referrer = p.referrer;
    values.country = p.country;
    values.city = cityValue(p.country, p.city || null);
    values.device = p.device;
    values.os = p.os;
    values.browser = p.browser;
    values.qr = p.qr!;
    bump(totalsAll, `${quarter}\t${b}`, clicks, u, () => ({
      dim: 'all',
      grain: QUARTER,
      bucket: quarter,
      bot,
      value: '',
      clicks,
      uniques: u,
    }));
    bump(linksAll, `${linkId}\t${quarter}\t${b}`, clicks, u, () => ({
      linkId,
      dim: 'all',
      grain: QUARTER,
      bucket: quarter,
      bot,
      value: '',
      clicks,
      uniques: u,
    }));
    for (const dim of COUNTED_DIMENSIONS) {
      const value = values[dim];
      bump(totalsDims, `${dim}\t${hour}\t${b}\t${value}`, clicks, u, () => ({
        dim,
        grain: HOUR,
        bucket: hour,
        bot,
        value,
        clicks,
        uniques: u,
      }));
      bump(linksDims, `${linkId}\t${dim}\t${day}\t${b}\t${value}`, clicks, u, () => ({
        linkId,
        dim,
        grain: DAY,
        bucket: day,
        bot,
        value,
        clicks,
        uniques: u,
      }));
    }
  }
  // Coarser grains from the rows just summed (COUNTER_GRAINS lists what each table keeps).
  const profiles = new Map<string, ProfilesRow>();
  for (const p of quarters.values()) profiles.set(`${QUARTER}\t${profiles.size}`, p);
  rollUp(
    quarters.values(),
    DAY,
    profiles,
    (r, bucket) =>
      `${r.linkId}\t${bucket}\t${+r.bot}\t${r.source}\t${r.country}\t${r.device}\t${r.referrer}\t${r.city}\t${r.os}\t${r.browser}\t${r.qr}`,
  );
  rollUp(totalsAll.values(), HOUR, totalsAll, (r, bucket) => `${bucket}\t${+r.bot}`);
  rollUp(
    [...totalsAll.values()].filter((r) => r.grain === QUARTER),
    DAY,
    totalsAll,
    (r, bucket) => `${bucket}\t${+r.bot}`,
  );
  rollUp(totalsDims.values(), DAY, totalsDims, (r, bucket) => `${r.dim}\t${bucket}\t${+r.bot}\t${r.value}`);
  rollUp(linksAll.values(), HOUR, linksAll, (r, bucket) => `${r.linkId}\t${bucket}\t${+r.bot}`);
  const linkQuarters = [...linksAll.values()].filter((r) => r.grain === QUARTER);
  const linkKey = (r: LinksRow, bucket: number) => `${r.linkId}\t${bucket}\t${+r.bot}`;
  rollUp(linkQuarters, DAY, linksAll, linkKey);
  markDayHours(linkQuarters, linksAll, linkKey);
  return {
    totals: [...totalsAll.values(), ...totalsDims.values()],
    links: [...linksAll.values(), ...linksDims.values()],
    profiles: [...profiles.values()],
    ...filterRows(quarters.values(), (p) => cityValue(p.country, p.city || null)),
  };
}
