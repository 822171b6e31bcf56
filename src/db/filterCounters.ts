/** counter_filters and counter_filter_links rows, derived from a batch's quarter-hour profiles. */
import { bucketStart, DAY, HOUR, QUARTER } from '../domain/index.js';
import { CLICK_FILTERS, COUNTED_DIMENSIONS } from './counterSpec.js';
import type { counterFilterLinks, counterFilters, counterProfiles } from './counterSchema.js';

export type FiltersRow = typeof counterFilters.$inferInsert;
export type FilterLinksRow = typeof counterFilterLinks.$inferInsert;
type ProfilesRow = typeof counterProfiles.$inferInsert;

/** Adds a profile's clicks to the row under `key`, made by `make` the first time. */
function add<R extends { clicks: number; uniques: number }>(
  rows: Map<string, R>,
  key: string,
  p: ProfilesRow,
  make: () => R,
) {
  const row = rows.get(key);
  if (row) {
    row.clicks += p.clicks;
    row.uniques += p.uniques;
  } else rows.set(key, make());
}

/**
 * The filter counters of quarter-hour profiles: for each click filter, the profile's value of
 * it keys a plain count per quarter, hour and day and a count per value of every dimension
 * per hour and day (counter_filters), and a plain count per link (counter_filter_links).
 * `cityOf` gives a profile's city value as the other counters keep it.
 */
export function filterRows(
  quarters: Iterable<ProfilesRow>,
  cityOf: (p: ProfilesRow) => string,
): { filters: FiltersRow[]; filterLinks: FilterLinksRow[] } {
  const filters = new Map<string, FiltersRow>();
  const filterLinks = new Map<string, FilterLinksRow>();
  for (const p of quarters) {
    const b = p.bot ? 1 : 0;
    const buckets = [
      [QUARTER, p.bucket],
      [HOUR, bucketStart(p.bucket, HOUR)],
      [DAY, bucketStart(p.bucket, DAY)],
    ] as const;
    const values: Record<string, string> = { ...p, qr: p.qr ?? 'false', city: cityOf(p) } as never;
    for (const filter of CLICK_FILTERS) {
      const filterValue = values[filter]!;
      const base = { filter, filterValue, bot: p.bot, clicks: p.clicks, uniques: p.uniques };
      for (const [grain, bucket] of buckets) {
        add(filters, `${filter}\t${filterValue}\tall\t${grain}\t${bucket}\t${b}\t`, p, () => ({
          ...base,
          dim: 'all',
          grain,
          bucket,
          value: '',
        }));
        add(filterLinks, `${p.linkId}\t${filter}\t${filterValue}\t${grain}\t${bucket}\t${b}`, p, () => ({
          ...base,
          linkId: p.linkId,
          grain,
          bucket,
        }));
        if (grain === QUARTER) continue;
        for (const dim of COUNTED_DIMENSIONS) {
          const value = values[dim]!;
          add(filters, `${filter}\t${filterValue}\t${dim}\t${grain}\t${bucket}\t${b}\t${value}`, p, () => ({
            ...base,
            dim,
            grain,
            bucket,
            value,
          }));
        }
      }
    }
  }
  return { filters: [...filters.values()], filterLinks: [...filterLinks.values()] };
}
