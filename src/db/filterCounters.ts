/** counter_filters and counter_filter_links rows, derived from a batch's quarter-hour profiles. */
import { bucketStart, DAY, HOUR, QUARTER } from '../domain/index.js';
import { CLICK_FILTERS, COUNTED_DIMENSIONS } from './counterSpec.js';
import type { counterFilterLinks, counterFilters, counterProfiles } from './counterSchema.js';
import { markDayHours } from './linkHours.js';
import { rollUp } from './rowSums.js';

export type FiltersRow = typeof counterFilters.$inferInsert;
export type FilterLinksRow = typeof counterFilterLinks.$inferInsert;
type ProfilesRow = typeof counterProfiles.$inferInsert;

/**
 * The filter counters of quarter-hour profiles: for each click filter, the profile's value of
 * it keys a plain count per quarter (rolled up to hours and days) and a count per value of
 * every dimension per hour (rolled up to days) in counter_filters, and a plain count per link
 * in counter_filter_links. `cityOf` gives a profile's city value as the other counters keep it.
 * Hot on the click thread: each profile builds one key per filter and dimension, and no
 * closures (the rest comes from rows already summed).
 */
export function filterRows(
  quarters: Iterable<ProfilesRow>,
  cityOf: (p: ProfilesRow) => string,
): { filters: FiltersRow[]; filterLinks: FilterLinksRow[] } {
  const all = new Map<string, FiltersRow>();
  const dims = new Map<string, FiltersRow>();
  const perLink = new Map<string, FilterLinksRow>();
  const values: Record<string, string> = {};
  for (const p of quarters) {
    const { bot, clicks, uniques, bucket } = p;
    const b = bot ? 1 : 0;
    const hour = bucketStart(bucket, HOUR);
    for (const dim of COUNTED_DIMENSIONS) values[dim] = (p as unknown as Record<string, string>)[dim] ?? '';
    values.city = cityOf(p);
    values.qr = p.qr ?? 'false';
    for (const filter of CLICK_FILTERS) {
      const filterValue = values[filter]!;
      const at = `${filter}\t${filterValue}\t${bucket}\t${b}`;
      const total = all.get(at);
      if (total) {
        total.clicks += clicks;
        total.uniques += uniques;
      } else all.set(at, { filter, filterValue, dim: 'all', grain: QUARTER, bucket, bot, value: '', clicks, uniques });
      const linkAt = `${p.linkId}\t${at}`;
      const link = perLink.get(linkAt);
      if (link) {
        link.clicks += clicks;
        link.uniques += uniques;
      } else
        perLink.set(linkAt, { linkId: p.linkId, filter, filterValue, grain: QUARTER, bucket, bot, clicks, uniques });
      for (const dim of COUNTED_DIMENSIONS) {
        const value = values[dim]!;
        const key = `${filter}\t${filterValue}\t${dim}\t${hour}\t${b}\t${value}`;
        const row = dims.get(key);
        if (row) {
          row.clicks += clicks;
          row.uniques += uniques;
        } else dims.set(key, { filter, filterValue, dim, grain: HOUR, bucket: hour, bot, value, clicks, uniques });
      }
    }
  }
  const allKey = (r: FiltersRow, at: number) => `${r.filter}\t${r.filterValue}\t${at}\t${+r.bot}`;
  const quarterRows = [...all.values()];
  rollUp(quarterRows, HOUR, all, allKey);
  rollUp(quarterRows, DAY, all, allKey);
  rollUp(dims.values(), DAY, dims, (r, at) => `${r.filter}\t${r.filterValue}\t${r.dim}\t${at}\t${+r.bot}\t${r.value}`);
  const linkKey = (r: FilterLinksRow, at: number) => `${r.linkId}\t${r.filter}\t${r.filterValue}\t${at}\t${+r.bot}`;
  const linkQuarters = [...perLink.values()];
  rollUp(linkQuarters, HOUR, perLink, linkKey);
  rollUp(linkQuarters, DAY, perLink, linkKey);
  markDayHours(linkQuarters, perLink, linkKey);
  return { filters: [...all.values(), ...dims.values()], filterLinks: [...perLink.values()] };
}
