/** Webhooks: who gets which events (docs/webhooks.md). */
export const WEBHOOK_EVENTS = [
  'link.created',
  'link.updated',
  'link.deleted',
  'clicks.recorded',
  'report.daily',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface Webhook {
  id: number;
  url: string;
  events: WebhookEvent[];
  /** Only these campaigns' links and clicks; null is every campaign. */
  campaigns: string[] | null;
  tz: string;
  secret: string;
  createdAt: number;
  eventCursor: number;
  clickCursor: number;
  clicksNextAt: number;
  reportDay: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  id: number;
  webhookId: number;
  messageId: string;
  type: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  nextAt: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A link change from the outbox, as the triggers wrote it. */
export interface WebhookEventRow {
  id: number;
  type: string;
  campaign: string | null;
  link: string;
  createdAt: number;
}

export type NewDelivery = Pick<WebhookDelivery, 'webhookId' | 'messageId' | 'type' | 'body' | 'createdAt'>;

/** What the outcome of one attempt is, as the sender saw it. */
export type SendResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** Posts one signed message; never throws, never follows a redirect. */
export interface WebhookSender {
  send(url: string, headers: Record<string, string>, body: string): Promise<SendResult>;
}

export interface WebhookStore {
  insert(hook: Omit<Webhook, 'id' | 'eventCursor' | 'clickCursor' | 'clicksNextAt' | 'reportDay'>): Promise<Webhook>;
  list(): Promise<Webhook[]>;
  byId(id: number): Promise<Webhook | null>;
  update(id: number, changes: Partial<Pick<Webhook, 'url' | 'events' | 'campaigns' | 'tz'>>): Promise<Webhook | null>;
  remove(id: number): Promise<boolean>;
  /** Outbox events after `afterId`, oldest first. */
  eventsAfter(afterId: number, limit: number): Promise<WebhookEventRow[]>;
  /** Adds deliveries and moves the webhook's cursors, as one unit, so no event is skipped or doubled. */
  enqueue(
    webhookId: number,
    deliveries: NewDelivery[],
    cursors: Partial<Pick<Webhook, 'eventCursor' | 'clickCursor' | 'clicksNextAt' | 'reportDay'>>,
  ): Promise<void>;
  /** Deletes outbox events every webhook has passed. */
  pruneEvents(): Promise<void>;
  /** Pending deliveries due by `now`, oldest first. */
  due(now: number, limit: number): Promise<WebhookDelivery[]>;
  /** Takes a delivery for an attempt until `until`, if no other runner took it (false). */
  lease(id: number, nextAt: number, until: number): Promise<boolean>;
  settle(
    id: number,
    changes: Pick<WebhookDelivery, 'status' | 'attempts' | 'nextAt' | 'lastStatus' | 'lastError' | 'updatedAt'>,
  ): Promise<void>;
  deliveries(webhookId: number, limit: number): Promise<WebhookDelivery[]>;
  delivery(webhookId: number, id: number): Promise<WebhookDelivery | null>;
}
