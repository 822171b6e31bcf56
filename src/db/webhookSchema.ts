import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Webhooks (docs/webhooks.md). Their own file, so the feature's tables move together.
 * `secret` is the whsec_ signing key itself: it must sign every delivery, so a copy of the
 * database reveals it (docs/webhooks.md says so).
 */
export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull(),
  /** JSON array of event types. */
  events: text('events').notNull(),
  /** JSON array of campaign names, or null for every campaign. */
  campaigns: text('campaigns'),
  tz: text('tz').notNull(),
  secret: text('secret').notNull(),
  createdAt: integer('created_at').notNull(),
  /** The last webhook_events id already turned into deliveries for this webhook. */
  eventCursor: integer('event_cursor').notNull(),
  /** The last clicks id already sent in a clicks.recorded delivery. */
  clickCursor: integer('click_cursor').notNull(),
  /** No clicks.recorded delivery is made before this (UTC ms): the batching window. */
  clicksNextAt: integer('clicks_next_at').notNull().default(0),
  /** The last day (YYYY-MM-DD in tz) a report.daily was queued for. */
  reportDay: text('report_day'),
});

/**
 * The outbox: link changes, written by triggers on `links` in the same statement as the change
 * (drizzle/0011_webhooks.sql), only while some webhook exists. Deleted once every webhook's
 * event cursor is past them.
 */
export const webhookEvents = sqliteTable('webhook_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  type: text('type').notNull(),
  campaign: text('campaign'),
  /** JSON of the link as it was after the change (before it, for a deletion). */
  link: text('link').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** One message for one webhook: its body is fixed when it is made, so every retry is the same message. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    /** The webhook-id header: the same on every attempt, so receivers can drop duplicates. */
    messageId: text('message_id').notNull(),
    type: text('type').notNull(),
    body: text('body').notNull(),
    /** pending, delivered or failed. */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When the next attempt is due (UTC ms); also a lease while an attempt runs. */
    nextAt: integer('next_at').notNull(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_message_unique').on(t.webhookId, t.messageId),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAt),
  ],
);
