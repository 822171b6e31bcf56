import { integer, primaryKey, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { COUNTER_SPEC, type CounterName } from './counterSpec.js';
import { links } from './schema.js';

/*
 * Pre-aggregated click counters, so stats never scan raw clicks. D1 counts each batch in the
 * same db.batch as its clicks; Node's click thread counts a moment after writing
 * (src/node/clicks/count.ts), and counter_progress says how far. `grain` is the bucket width in
 * minutes (15, 60 or 1440) and `bucket` its UTC start in ms; unknown values are stored as '' so
 * they take part in the keys. All are WITHOUT ROWID tables (drizzle/0001_counters.sql,
 * 0003_campaign_counters.sql, 0013_filter_counters.sql).
 */

/** A counter table's primary key, in the order the counter spec gives (counterSpec.ts). */
function specKey(columns: Record<string, AnySQLiteColumn>, name: CounterName): [AnySQLiteColumn, ...AnySQLiteColumn[]] {
  const [first, ...rest] = COUNTER_SPEC[name].keys.map((k) => columns[k]!);
  return [first!, ...rest];
}

/** All links together, per dimension value: `dim` 'all' (value '') at 15/60/1440, the others at 60/1440. */
export const counterTotals = sqliteTable(
  'counter_totals',
  {
    dim: text('dim').notNull(),
    grain: integer('grain').notNull(),
    bucket: integer('bucket').notNull(),
    bot: integer('bot', { mode: 'boolean' }).notNull(),
    value: text('value').notNull(),
    clicks: integer('clicks').notNull(),
    uniques: integer('uniques').notNull(),
  },
  (t) => [primaryKey({ columns: specKey(t, 'totals') })],
);

/**
 * Per link and dimension value: `dim` 'all' at 15/60/1440, the others at 1440. `hours`, on the
 * 'all' day rows only (0 on the others), has bit h set when the link had clicks in UTC hour h
 * of that day: the heatmap counts the posts clicked in each hour from a day's row instead of
 * 24 hour rows (drizzle/0015_link_day_hours.sql, src/db/linkHours.ts).
 */
export const counterLinks = sqliteTable(
  'counter_links',
  {
    linkId: integer('link_id')
      .notNull()
      .references(() => links.id, { onDelete: 'cascade' }),
    dim: text('dim').notNull(),
    grain: integer('grain').notNull(),
    bucket: integer('bucket').notNull(),
    bot: integer('bot', { mode: 'boolean' }).notNull(),
    value: text('value').notNull(),
    clicks: integer('clicks').notNull(),
    uniques: integer('uniques').notNull(),
    hours: integer('hours').notNull().default(0),
  },
  (t) => [primaryKey({ columns: specKey(t, 'links') })],
);

/** Per link and full click profile at 15/1440: serves source/country/device filters and range edges. */
export const counterProfiles = sqliteTable(
  'counter_profiles',
  {
    linkId: integer('link_id')
      .notNull()
      .references(() => links.id, { onDelete: 'cascade' }),
    grain: integer('grain').notNull(),
    bucket: integer('bucket').notNull(),
    bot: integer('bot', { mode: 'boolean' }).notNull(),
    source: text('source').notNull(),
    country: text('country').notNull(),
    device: text('device').notNull(),
    referrer: text('referrer').notNull(),
    city: text('city').notNull(),
    os: text('os').notNull(),
    browser: text('browser').notNull(),
    qr: text('qr').notNull().default('false'),
    clicks: integer('clicks').notNull(),
    uniques: integer('uniques').notNull(),
  },
  (t) => [primaryKey({ columns: specKey(t, 'profiles') })],
);

/**
 * All links under one click filter (`filter` source, country, device or qr, `filter_value` as
 * counter_profiles keeps it), per dimension value, at the grains of counter_totals: one filter
 * on everything reads these rows, not every link's profiles. The links delete trigger
 * subtracts a deleted link's clicks, as from counter_totals (drizzle/0013_filter_counters.sql).
 */
export const counterFilters = sqliteTable(
  'counter_filters',
  {
    filter: text('filter').notNull(),
    filterValue: text('filter_value').notNull(),
    dim: text('dim').notNull(),
    grain: integer('grain').notNull(),
    bucket: integer('bucket').notNull(),
    bot: integer('bot', { mode: 'boolean' }).notNull(),
    value: text('value').notNull(),
    clicks: integer('clicks').notNull(),
    uniques: integer('uniques').notNull(),
  },
  (t) => [primaryKey({ columns: specKey(t, 'filters') })],
);

/**
 * Per link under one click filter, plain counts at 15/60/1440: the posts list of a filtered read.
 * `hours` on the day rows as counter_links keeps it (src/db/linkHours.ts, drizzle/0017).
 */
export const counterFilterLinks = sqliteTable(
  'counter_filter_links',
  {
    linkId: integer('link_id')
      .notNull()
      .references(() => links.id, { onDelete: 'cascade' }),
    filter: text('filter').notNull(),
    filterValue: text('filter_value').notNull(),
    grain: integer('grain').notNull(),
    bucket: integer('bucket').notNull(),
    bot: integer('bot', { mode: 'boolean' }).notNull(),
    clicks: integer('clicks').notNull(),
    uniques: integer('uniques').notNull(),
    hours: integer('hours').notNull().default(0),
  },
  (t) => [primaryKey({ columns: specKey(t, 'filterLinks') })],
);

/**
 * Per campaign and dimension value, per UTC day, and its plain count ('all') per hour: a
 * campaign's breakdowns in one row per day and value, its heatmap in one row per hour, however
 * many posts it has. Kept with the clicks (the post's campaign when counted) and moved by
 * triggers when a post changes campaign or is deleted (drizzle/0003_campaign_counters.sql, 0016).
 */
export const counterCampaigns = sqliteTable(
  'counter_campaigns',
  {
    campaign: text('campaign').notNull(),
    dim: text('dim').notNull(),
    grain: integer('grain').notNull(),
    bucket: integer('bucket').notNull(),
    bot: integer('bot', { mode: 'boolean' }).notNull(),
    value: text('value').notNull(),
    clicks: integer('clicks').notNull(),
    uniques: integer('uniques').notNull(),
  },
  (t) => [primaryKey({ columns: specKey(t, 'campaigns') })],
);

/**
 * Per network and dimension value, per UTC day, and 'all' per hour: as counter_campaigns, by the
 * post's network (drizzle/0014_network_counters.sql, 0016).
 */
export const counterNetworks = sqliteTable(
  'counter_networks',
  {
    network: text('network').notNull(),
    dim: text('dim').notNull(),
    grain: integer('grain').notNull(),
    bucket: integer('bucket').notNull(),
    bot: integer('bot', { mode: 'boolean' }).notNull(),
    value: text('value').notNull(),
    clicks: integer('clicks').notNull(),
    uniques: integer('uniques').notNull(),
  },
  (t) => [primaryKey({ columns: specKey(t, 'networks') })],
);

/**
 * How far the counters have counted: every click with an id up to `throughClickId` is in
 * them, none after. Node writes clicks at once and counts them a moment later, in bigger
 * runs (src/node/clicks/count.ts); a crash between the two is made good by counting from here
 * on the next start. D1 counts with the clicks and moves it in the same batch. One row.
 */
export const counterProgress = sqliteTable('counter_progress', {
  id: integer('id').primaryKey(),
  throughClickId: integer('through_click_id').notNull(),
});
