import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Times are UTC milliseconds in integer columns: cheap to compare, bucket and index. */
export const links = sqliteTable(
  'links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    url: text('url').notNull(),
    destination: text('destination').notNull(),
    title: text('title'),
    campaign: text('campaign'),
    network: text('network'),
    /** JSON object of the explicit and derived UTM fields. */
    utm: text('utm').notNull().default('{}'),
    postedAt: integer('posted_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    expiresAt: integer('expires_at'),
    maxClicks: integer('max_clicks'),
    /** Human clicks so far, kept by the click writer so maxClicks never scans clicks. */
    humanClicks: integer('human_clicks').notNull().default(0),
    /** JSON {title, description, imageUrl} of the card shown to link-preview fetchers, or null. */
    preview: text('preview'),
  },
  (t) => [
    uniqueIndex('links_slug_unique').on(t.slug),
    index('links_campaign_idx').on(t.campaign),
    index('links_network_idx').on(t.network),
  ],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    /** Hex SHA-256 of the whole key; the key itself is never stored. */
    hash: text('hash').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
    /** JSON array of scopes (src/domain/access.ts); keys made before scopes existed are admin. */
    scopes: text('scopes').notNull().default('["admin"]'),
    /** JSON array of the campaigns the key is limited to; null means every campaign. */
    campaigns: text('campaigns'),
    /** When the key last authenticated a request, written at most once a minute. */
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [uniqueIndex('api_keys_prefix_unique').on(t.prefix)],
);

/** Dashboard sign-ins: the cookie carries a random token, the table only its hash. */
export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  apiKeyId: integer('api_key_id'),
  csrf: text('csrf').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

export const clicks = sqliteTable(
  'clicks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    linkId: integer('link_id')
      .notNull()
      .references(() => links.id, { onDelete: 'cascade' }),
    clickedAt: integer('clicked_at').notNull(),
    referrer: text('referrer'),
    referrerHost: text('referrer_host'),
    source: text('source').notNull(),
    device: text('device').notNull(),
    os: text('os'),
    browser: text('browser'),
    country: text('country'),
    region: text('region'),
    city: text('city'),
    bot: integer('bot', { mode: 'boolean' }).notNull().default(false),
    /** Daily-salted HMAC of address and user agent: counts uniques, identifies nobody. */
    visitor: text('visitor').notNull(),
    qr: integer('qr', { mode: 'boolean' }).notNull().default(false),
    userAgent: text('user_agent'),
    /** First click of this visitor on this link this UTC day. */
    firstOfDay: integer('first_of_day', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('clicks_link_time_idx').on(t.linkId, t.clickedAt), index('clicks_time_idx').on(t.clickedAt)],
);

/**
 * One random salt per UTC day, sealed under VISITOR_SECRET (Workers only; Node keeps its salts
 * in files beside the database, see src/node/saltFiles.ts). Rows older than two days are deleted.
 */
export const visitorSalts = sqliteTable('visitor_salts', {
  day: text('day').primaryKey(),
  salt: text('salt').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Who was already seen on a link today, so a unique is decided at write time. Pruned daily. */
export const dailyVisitors = sqliteTable(
  'daily_visitors',
  {
    day: text('day').notNull(),
    linkId: integer('link_id').notNull(),
    visitor: text('visitor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.linkId, t.visitor] })],
);

export const schema = { links, apiKeys, sessions, clicks, visitorSalts, dailyVisitors };

/**
 * Rate-limit states shared by Workers isolates (src/db/throttleStore.ts): failed sign-ins per
 * client bucket ("auth:…", never an address in clear, see throttleStore.ts) and requests per
 * API key ("api:…"). Node keeps these in memory and leaves the table empty.
 */
export const throttle = sqliteTable(
  'throttle',
  {
    key: text('key').primaryKey(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull(),
    previous: integer('previous').notNull(),
    blockedUntil: integer('blocked_until').notNull(),
    strikes: integer('strikes').notNull(),
    loggedAt: integer('logged_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('throttle_expires_idx').on(t.expiresAt)],
);

/**
 * One row whose version triggers bump on every change to a link's definition (not on
 * human_clicks, which each click write moves): a server polls it once a second and empties
 * its link cache when it moved, so edits by the CLI or another process reach its redirects.
 */
export const linksVersion = sqliteTable('links_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
});
