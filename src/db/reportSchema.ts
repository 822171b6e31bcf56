import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Client report links (/r/<token>). Their own file, so the feature's table moves together.
 * Only the token's SHA-256 is stored; the scope is a campaign or a list of posts (their slugs
 * as given, and their ids, so a slug reused later by another post never joins the report).
 */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull(),
    title: text('title').notNull(),
    campaign: text('campaign'),
    /** JSON arrays, both set or both null (with `campaign` null). */
    slugs: text('slugs'),
    linkIds: text('link_ids'),
    /** A fixed range in UTC ms (to exclusive); both null is the rolling last 30 days. */
    fromMs: integer('from_ms'),
    toMs: integer('to_ms'),
    expiresAt: integer('expires_at'),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`, or null for no password. */
    passwordHash: text('password_hash'),
    allowCsv: integer('allow_csv', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('reports_token_hash_unique').on(t.tokenHash)],
);
