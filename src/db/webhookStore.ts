import { and, asc, desc, eq, gt, lte, max, min } from 'drizzle-orm';
import type { DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent, WebhookStore } from '../domain/webhook.js';
import type { BatchStatement, BatchWriter, Database } from './database.js';
import { clicks } from './schema.js';
import { webhookDeliveries, webhookEvents, webhooks } from './webhookSchema.js';

type Row = typeof webhooks.$inferSelect;

const toWebhook = (r: Row): Webhook => ({
  ...r,
  events: JSON.parse(r.events) as WebhookEvent[],
  campaigns: r.campaigns === null ? null : (JSON.parse(r.campaigns) as string[]),
});

const toDelivery = (r: typeof webhookDeliveries.$inferSelect): WebhookDelivery => ({
  ...r,
  status: r.status as DeliveryStatus,
});

/** Webhooks, their outbox and deliveries on any SQLite driver; multi-row writes go through `batch`. */
export function createWebhookStore(db: Database, batch: BatchWriter): WebhookStore {
  return {
    async insert(hook) {
      // New webhooks hear of what happens from now on: cursors start at the newest event and click.
      const [e] = await db.select({ id: max(webhookEvents.id) }).from(webhookEvents);
      const [c] = await db.select({ id: max(clicks.id) }).from(clicks);
      const [row] = await db
        .insert(webhooks)
        .values({
          ...hook,
          events: JSON.stringify(hook.events),
          campaigns: hook.campaigns === null ? null : JSON.stringify(hook.campaigns),
          eventCursor: e?.id ?? 0,
          clickCursor: c?.id ?? 0,
        })
        .returning();
      return toWebhook(row!);
    },
    async list() {
      return (await db.select().from(webhooks).orderBy(asc(webhooks.id))).map(toWebhook);
    },
    async byId(id) {
      const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
      return row ? toWebhook(row) : null;
    },
    async update(id, changes) {
      const values = {
        ...(changes.url === undefined ? {} : { url: changes.url }),
        ...(changes.tz === undefined ? {} : { tz: changes.tz }),
        ...(changes.events === undefined ? {} : { events: JSON.stringify(changes.events) }),
        ...(changes.campaigns === undefined
          ? {}
          : { campaigns: changes.campaigns === null ? null : JSON.stringify(changes.campaigns) }),
      };
      if (Object.keys(values).length === 0) return this.byId(id);
      const [row] = await db.update(webhooks).set(values).where(eq(webhooks.id, id)).returning();
      return row ? toWebhook(row) : null;
    },
    async remove(id) {
      const rows = await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
      return rows.length > 0;
    },
    async eventsAfter(afterId, limit) {
      return db
        .select()
        .from(webhookEvents)
        .where(gt(webhookEvents.id, afterId))
        .orderBy(asc(webhookEvents.id))
        .limit(limit);
    },
    async enqueue(webhookId, list, cursors) {
      const statements: BatchStatement[] = list.map(
        (d) =>
          db
            .insert(webhookDeliveries)
            .values({ ...d, status: 'pending', nextAt: d.createdAt, updatedAt: d.createdAt })
            // A run that crashed after sending its batch but before this one is harmless.
            .onConflictDoNothing() as unknown as BatchStatement,
      );
      if (Object.keys(cursors).length)
        statements.push(
          db.update(webhooks).set(cursors).where(eq(webhooks.id, webhookId)) as unknown as BatchStatement,
        );
      await batch(statements);
    },
    async pruneEvents() {
      const [m] = await db.select({ id: min(webhooks.eventCursor) }).from(webhooks);
      // With no webhook left, every event is done with.
      const upTo = m?.id ?? Number.MAX_SAFE_INTEGER;
      await db.delete(webhookEvents).where(lte(webhookEvents.id, upTo));
    },
    async due(now, limit) {
      const rows = await db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAt, now)))
        .orderBy(asc(webhookDeliveries.nextAt), asc(webhookDeliveries.id))
        .limit(limit);
      return rows.map(toDelivery);
    },
    async lease(id, nextAt, until) {
      const rows = await db
        .update(webhookDeliveries)
        .set({ nextAt: until })
        .where(
          and(
            eq(webhookDeliveries.id, id),
            eq(webhookDeliveries.status, 'pending'),
            eq(webhookDeliveries.nextAt, nextAt),
          ),
        )
        .returning({ id: webhookDeliveries.id });
      return rows.length > 0;
    },
    async settle(id, changes) {
      await db.update(webhookDeliveries).set(changes).where(eq(webhookDeliveries.id, id));
    },
    async deliveries(webhookId, limit) {
      const rows = await db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.webhookId, webhookId))
        .orderBy(desc(webhookDeliveries.id))
        .limit(limit);
      return rows.map(toDelivery);
    },
    async delivery(webhookId, id) {
      const [row] = await db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.id, id)));
      return row ? toDelivery(row) : null;
    },
  };
}
