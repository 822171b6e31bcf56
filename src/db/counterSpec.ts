/**
 * The counter tables, described once. Each table keeps `clicks` and `uniques` under its key
 * columns, at the grains it lists: `all` for the plain count (dim 'all'), `dims` for the values
 * of each counted dimension. The schema's primary keys, the upserts on both runtimes (drizzle on
 * D1, prepared statements on Node), the rebuild, the triggers and the stats store's choice of
 * table read their keys and grains from here. A new dimension is a PROFILE_COLUMNS entry and a
 * COUNTED_DIMENSIONS entry (plus its column in schema.ts and a migration).
 */
import { DAY, HOUR, QUARTER } from '../domain/timeBuckets.js';

/** A click's QR value as counters keep it: 'true' for a scan of its code, else 'false'. */
export const qrValue = (qr: boolean): 'true' | 'false' => (qr ? 'true' : 'false');
/** The same in SQL, over a boolean column. */
export const qrValueSql = (column: string) => `CASE WHEN ${column} THEN 'true' ELSE 'false' END`;

/** Dimensions kept per value in counter_totals, counter_links and counter_campaigns ('all' is the plain count). */
export const COUNTED_DIMENSIONS = ['source', 'referrer', 'country', 'city', 'device', 'os', 'browser', 'qr'] as const;
export type CountedDimension = (typeof COUNTED_DIMENSIONS)[number];

/**
 * The click columns a profile keeps, in the table's order, each with the SQL that reads a raw
 * click's value (unknown is '', so it takes part in the key).
 */
export const PROFILE_COLUMNS = {
  source: 'source',
  country: "coalesce(country, '')",
  device: 'device',
  referrer: "coalesce(referrer_host, '')",
  city: "coalesce(city, '')",
  os: "coalesce(os, '')",
  browser: "coalesce(browser, '')",
  qr: qrValueSql('qr'),
} as const;
export type ProfileColumn = keyof typeof PROFILE_COLUMNS;

const PROFILE_KEYS = Object.keys(PROFILE_COLUMNS) as ProfileColumn[];

/**
 * The click filters of a stats scope (StatsScope's sources, countries, devices, qr), each a
 * profile column: counter_filters and counter_filter_links keep counts under each one's values.
 */
export const CLICK_FILTERS = ['source', 'country', 'device', 'qr'] as const satisfies readonly ProfileColumn[];
export type ClickFilter = (typeof CLICK_FILTERS)[number];

export const COUNTER_SPEC = {
  /** All links together, per value: 'all' per quarter hour, hour and day; values per hour and day. */
  totals: {
    table: 'counter_totals',
    keys: ['dim', 'grain', 'bucket', 'bot', 'value'],
    grains: { all: [QUARTER, HOUR, DAY], dims: [HOUR, DAY] },
  },
  /** Per link and value: 'all' per quarter hour, hour and day; values per day. */
  links: {
    table: 'counter_links',
    keys: ['linkId', 'dim', 'grain', 'bucket', 'bot', 'value'],
    grains: { all: [QUARTER, HOUR, DAY], dims: [DAY] },
  },
  /** Per link and whole click profile, per quarter hour and day: click filters and range edges. */
  profiles: {
    table: 'counter_profiles',
    keys: ['linkId', 'grain', 'bucket', 'bot', ...PROFILE_KEYS],
    grains: [QUARTER, DAY],
  },
  /**
   * All links together under one click filter (its value as a profile keeps it), per value:
   * what /api/stats on everything with one filter reads. Grains as totals keeps them.
   */
  filters: {
    table: 'counter_filters',
    keys: ['filter', 'filterValue', 'dim', 'grain', 'bucket', 'bot', 'value'],
    grains: { all: [QUARTER, HOUR, DAY], dims: [HOUR, DAY] },
  },
  /** Per link under one click filter, plain counts only, at the grains counter_links keeps them. */
  filterLinks: {
    table: 'counter_filter_links',
    keys: ['linkId', 'filter', 'filterValue', 'grain', 'bucket', 'bot'],
    grains: [QUARTER, HOUR, DAY],
  },
  /** Per campaign: 'all' per hour, values per day, the per-post rows summed by the post's campaign. */
  campaigns: {
    table: 'counter_campaigns',
    keys: ['campaign', 'dim', 'grain', 'bucket', 'bot', 'value'],
    grains: { all: [HOUR], dims: [DAY] },
  },
  /** Per network: 'all' per hour, values per day, the per-post rows summed by the post's network. */
  networks: {
    table: 'counter_networks',
    keys: ['network', 'dim', 'grain', 'bucket', 'bot', 'value'],
    grains: { all: [HOUR], dims: [DAY] },
  },
} as const;
export type CounterName = keyof typeof COUNTER_SPEC;

/** Columns a table ORs in on conflict instead of adding: bit sets (the per-link day rows' hours, linkHours.ts). */
export const ORED_COLUMNS: Partial<Record<CounterName, readonly string[]>> = {
  links: ['hours'],
  filterLinks: ['hours'],
};

/** Which grains each table keeps, for the 'all' count and for the other dimensions. */
export const COUNTER_GRAINS = {
  totals: COUNTER_SPEC.totals.grains,
  links: COUNTER_SPEC.links.grains,
  profiles: COUNTER_SPEC.profiles.grains,
  filters: COUNTER_SPEC.filters.grains,
  filterLinks: COUNTER_SPEC.filterLinks.grains,
} as const;

/** A key's column name in SQL: linkId → link_id. */
export const columnOf = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A table's key columns in SQL, in order: what ON CONFLICT and the triggers' matches name. */
export const keyColumns = (name: CounterName): string[] => COUNTER_SPEC[name].keys.map(columnOf);
