/**
 * Counters recomputed in SQL. counter_profiles is built from raw clicks; counter_links and
 * counter_totals are sums of profiles, derived by the same SELECTs that the links delete
 * trigger (drizzle/0001_counters.sql, see forgetLinkTriggerSql) uses to take a deleted link's
 * clicks back out of counter_totals. Every string here is a constant: no input reaches the SQL.
 */
import { sql } from 'drizzle-orm';
import {
  CLICK_FILTERS,
  COUNTED_DIMENSIONS,
  COUNTER_GRAINS,
  PROFILE_COLUMNS,
  type CountedDimension,
} from './counterSpec.js';
import type { BatchStatement, Database } from './database.js';
import {
  counterCampaigns,
  counterFilterLinks,
  counterFilters,
  counterLinks,
  counterNetworks,
  counterProfiles,
  counterTotals,
} from './counterSchema.js';
import { groupFromLinks, matches, whereLines } from './groupCounters.js';
import { markAllCounted } from './counterUpserts.js';

const VALUE_OF: Record<CountedDimension, string> = {
  source: 'source',
  referrer: 'referrer',
  country: 'country',
  city: "CASE WHEN city = '' THEN '' ELSE country || '|' || city END",
  device: 'device',
  os: 'os',
  browser: 'browser',
  qr: 'qr',
};

const BUCKET_AT: Record<number, string> = { 15: 'bucket', 60: 'bucket - bucket % 3600000', 1440: 'bucket' };
/** Profiles of this grain are summed into buckets of the target grain (hours come from quarters). */
const FROM_GRAIN: Record<number, number> = { 15: 15, 60: 15, 1440: 1440 };

const SUMS = 'sum(clicks) AS clicks, sum(uniques) AS uniques';

/**
 * SELECTs of dim, grain, bucket, bot, value, clicks, uniques of counter_totals, from profiles
 * matching `where`: one per dimension and grain, never one compound SELECT (D1 caps its terms).
 */
export function totalsFromProfiles(where: string): string[] {
  const parts: string[] = [];
  const select = (dim: string, value: string, grain: number) =>
    `SELECT '${dim}' AS dim, ${grain} AS grain, ${BUCKET_AT[grain]} AS bucket, bot AS bot, ${value} AS value, ${SUMS}` +
    ` FROM counter_profiles WHERE grain = ${FROM_GRAIN[grain]} AND ${where} GROUP BY 3, 4, 5`;
  for (const grain of COUNTER_GRAINS.totals.all) parts.push(select('all', "''", grain));
  for (const dim of COUNTED_DIMENSIONS)
    for (const grain of COUNTER_GRAINS.totals.dims) parts.push(select(dim, VALUE_OF[dim], grain));
  return parts;
}

/** SELECTs of link_id, dim, grain, bucket, bot, value, clicks, uniques of counter_links, one per dimension and grain. */
export function linksFromProfiles(where: string): string[] {
  const parts: string[] = [];
  const select = (dim: string, value: string, grain: number) =>
    `SELECT link_id AS link_id, '${dim}' AS dim, ${grain} AS grain, ${BUCKET_AT[grain]} AS bucket, bot AS bot, ${value} AS value, ${SUMS}` +
    ` FROM counter_profiles WHERE grain = ${FROM_GRAIN[grain]} AND ${where} GROUP BY 1, 4, 5, 6`;
  for (const grain of COUNTER_GRAINS.links.all) parts.push(select('all', "''", grain));
  for (const dim of COUNTED_DIMENSIONS)
    for (const grain of COUNTER_GRAINS.links.dims) parts.push(select(dim, VALUE_OF[dim], grain));
  return parts;
}

/**
 * SELECTs of filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques of
 * counter_filters from profiles matching `where`: one per filter, dimension and grain.
 */
export function filtersFromProfiles(where: string): string[] {
  const parts: string[] = [];
  for (const filter of CLICK_FILTERS) {
    const select = (dim: string, value: string, grain: number) =>
      `SELECT '${filter}' AS filter, ${filter} AS filter_value, '${dim}' AS dim, ${grain} AS grain, ${BUCKET_AT[grain]} AS bucket, bot AS bot, ${value} AS value, ${SUMS}` +
      ` FROM counter_profiles WHERE grain = ${FROM_GRAIN[grain]} AND ${where} GROUP BY 2, 5, 6, 7`;
    for (const grain of COUNTER_GRAINS.filters.all) parts.push(select('all', "''", grain));
    for (const dim of COUNTED_DIMENSIONS)
      for (const grain of COUNTER_GRAINS.filters.dims) parts.push(select(dim, VALUE_OF[dim], grain));
  }
  return parts;
}

/** SELECTs of counter_filter_links from profiles matching `where`: one per filter and grain. */
export function filterLinksFromProfiles(where: string): string[] {
  return CLICK_FILTERS.flatMap((filter) =>
    COUNTER_GRAINS.filterLinks.map(
      (grain) =>
        `SELECT link_id AS link_id, '${filter}' AS filter, ${filter} AS filter_value, ${grain} AS grain, ${BUCKET_AT[grain]} AS bucket, bot AS bot, ${SUMS}` +
        ` FROM counter_profiles WHERE grain = ${FROM_GRAIN[grain]} AND ${where} GROUP BY 1, 3, 5, 6`,
    ),
  );
}

/** counter_profiles of one grain from raw clicks from `from` on, its columns as the spec lists them. */
const profilesFromClicks = (grain: number, from: number) => {
  const keys = [
    `link_id`,
    `${grain}`,
    `clicked_at - clicked_at % ${grain * 60_000}`,
    'bot',
    ...Object.values(PROFILE_COLUMNS),
  ];
  return `SELECT ${keys.join(', ')}, count(*), sum(CASE WHEN first_of_day AND NOT bot THEN 1 ELSE 0 END)
   FROM clicks WHERE clicked_at >= ${from} GROUP BY ${keys.map((_, i) => i + 1).join(', ')}`;
};

/**
 * The statements that throw the counters away and recompute them from raw clicks, as one unit.
 * With `keepBefore` (CLICK_RETENTION_DAYS, a UTC midnight), counter rows of buckets before it
 * stay as they are, since their raw clicks are gone, and only the window is recounted. Each
 * SELECT lists its columns in the table's declared order, as drizzle's insert…select wants.
 */
export function rebuildStatements(db: Database, keepBefore: number | null = null): BatchStatement[] {
  // A whole number from the caller's clock, never input, so it may sit in the SQL text.
  const from = keepBefore === null ? 0 : Math.trunc(keepBefore);
  if (!Number.isSafeInteger(from)) throw new Error(`keepBefore must be a time in ms, got ${keepBefore}`);
  const inWindow = `bucket >= ${from}`;
  return [
    db.delete(counterTotals).where(sql.raw(inWindow)),
    db.delete(counterLinks).where(sql.raw(inWindow)),
    db.delete(counterProfiles).where(sql.raw(inWindow)),
    db.delete(counterCampaigns).where(sql.raw(inWindow)),
    db.delete(counterNetworks).where(sql.raw(inWindow)),
    db.delete(counterFilters).where(sql.raw(inWindow)),
    db.delete(counterFilterLinks).where(sql.raw(inWindow)),
    ...COUNTER_GRAINS.profiles.map((grain) =>
      db.insert(counterProfiles).select(sql.raw(profilesFromClicks(grain, from))),
    ),
    ...linksFromProfiles(inWindow).map((select) => db.insert(counterLinks).select(sql.raw(select))),
    ...totalsFromProfiles(inWindow).map((select) => db.insert(counterTotals).select(sql.raw(select))),
    db.insert(counterCampaigns).select(sql.raw(groupFromLinks('campaigns', from))),
    db.insert(counterNetworks).select(sql.raw(groupFromLinks('networks', from))),
    ...filtersFromProfiles(inWindow).map((select) => db.insert(counterFilters).select(sql.raw(select))),
    ...filterLinksFromProfiles(inWindow).map((select) => db.insert(counterFilterLinks).select(sql.raw(select))),
    // Every click is now counted, including any a running server had not counted yet.
    markAllCounted(db),
  ];
}

/**
 * Deleting a link cascades to its counter_links and counter_profiles rows; this trigger first
 * subtracts the link's profiles from counter_totals. Rows left at zero are harmless (queries
 * skip them) and vanish at the next rebuild. Printed into the migration by hand.
 */
export function forgetLinkTriggerSql(): string {
  const updates = totalsFromProfiles('link_id = OLD.id').map(
    (
      select,
    ) => `  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (${select}) AS gone
  WHERE ${whereLines(matches('totals', 'gone'))};`,
  );
  return `CREATE TRIGGER \`counters_forget_link\` BEFORE DELETE ON \`links\` BEGIN\n${updates.join('\n')}\nEND;`;
}

/**
 * counter_filter_links cascades with a deleted link; this trigger subtracts the link's profiles
 * from counter_filters, as counters_forget_link does from counter_totals. Printed into the
 * migration (0013_filter_counters.sql).
 */
export function forgetLinkFiltersTriggerSql(): string {
  const updates = filtersFromProfiles('link_id = OLD.id').map(
    (
      select,
    ) => `  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (${select}) AS gone
  WHERE ${whereLines(matches('filters', 'gone'))};`,
  );
  return `CREATE TRIGGER \`counters_forget_link_filters\` BEFORE DELETE ON \`links\` BEGIN\n${updates.join('\n')}\nEND;`;
}
