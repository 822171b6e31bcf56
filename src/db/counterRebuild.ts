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
import { fillDayHours } from './linkHours.js';

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

/** A key column of a counter the SELECT leads with: its SQL, its name, and whether rows vary in it. */
type Lead = { sql: string; name: string; grouped: boolean };

/**
 * SELECTs of a value counter's rows from profiles matching `where`: the `lead` key columns,
 * then dim, grain, bucket, bot, value, clicks, uniques, at the grains given. One per dimension
 * and grain, never one compound SELECT (D1 caps its terms).
 */
function valueSelects(lead: Lead[], grains: { all: readonly number[]; dims: readonly number[] }, where: string) {
  const n = lead.length;
  const groupBy = [...lead.flatMap((l, i) => (l.grouped ? [i + 1] : [])), n + 3, n + 4, n + 5].join(', ');
  const select = (dim: string, value: string, grain: number) =>
    `SELECT ${[...lead.map((l) => `${l.sql} AS ${l.name}`), `'${dim}' AS dim`].join(', ')}, ${grain} AS grain, ${BUCKET_AT[grain]} AS bucket, bot AS bot, ${value} AS value, ${SUMS}` +
    ` FROM counter_profiles WHERE grain = ${FROM_GRAIN[grain]} AND ${where} GROUP BY ${groupBy}`;
  return [
    ...grains.all.map((grain) => select('all', "''", grain)),
    ...COUNTED_DIMENSIONS.flatMap((dim) => grains.dims.map((grain) => select(dim, VALUE_OF[dim], grain))),
  ];
}

/** SELECTs of counter_totals' rows from profiles matching `where`. */
export const totalsFromProfiles = (where: string): string[] => valueSelects([], COUNTER_GRAINS.totals, where);

/** SELECTs of counter_links' rows from profiles matching `where`. */
export const linksFromProfiles = (where: string): string[] =>
  valueSelects([{ sql: 'link_id', name: 'link_id', grouped: true }], COUNTER_GRAINS.links, where);

/** SELECTs of counter_filters' rows from profiles matching `where`: one set per click filter. */
export const filtersFromProfiles = (where: string): string[] =>
  CLICK_FILTERS.flatMap((filter) =>
    valueSelects(
      [
        { sql: `'${filter}'`, name: 'filter', grouped: false },
        { sql: filter, name: 'filter_value', grouped: true },
      ],
      COUNTER_GRAINS.filters,
      where,
    ),
  );

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
    // The day rows' hours start at 0 and are set from the hour rows once these are in.
    ...linksFromProfiles(inWindow).map((select) =>
      db.insert(counterLinks).select(sql.raw(`SELECT *, 0 AS hours FROM (${select})`)),
    ),
    fillDayHours(db, 'links', inWindow),
    ...totalsFromProfiles(inWindow).map((select) => db.insert(counterTotals).select(sql.raw(select))),
    db.insert(counterCampaigns).select(sql.raw(groupFromLinks('campaigns', from))),
    db.insert(counterNetworks).select(sql.raw(groupFromLinks('networks', from))),
    ...filtersFromProfiles(inWindow).map((select) => db.insert(counterFilters).select(sql.raw(select))),
    ...filterLinksFromProfiles(inWindow).map((select) =>
      db.insert(counterFilterLinks).select(sql.raw(`SELECT *, 0 AS hours FROM (${select})`)),
    ),
    fillDayHours(db, 'filterLinks', inWindow),
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
