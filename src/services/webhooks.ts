import { invalid, notFound, type Clock } from '../domain/index.js';
import type { Webhook, WebhookDelivery, WebhookStore } from '../domain/webhook.js';
import { checkWebhookUrl } from '../domain/webhookTarget.js';
import { parseInput } from './parse.js';
import { createWebhookInput, updateWebhookInput } from './webhookInput.js';
import { newWebhookSecret } from './webhookSigning.js';

/** What the webhook verbs need; `allowPrivate` is WEBHOOK_ALLOW_PRIVATE. */
export interface WebhookDeps {
  webhooks: WebhookStore;
  clock: Clock;
  allowPrivate: boolean;
}

const webhookNotFound = (id: number) => notFound('webhook_not_found', `no webhook with id ${id}`);

/** A path id, or the 404 a wrong one deserves. */
export function webhookId(text: string): number {
  const id = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id)) throw invalid('invalid_input', 'id: expected a webhook id');
  return id;
}

/** Registers a receiver with a fresh secret; the caller shows the secret once. */
export async function createWebhook(deps: WebhookDeps, raw: unknown): Promise<Webhook> {
  const input = parseInput(createWebhookInput, raw);
  const url = checkWebhookUrl(input.url, deps.allowPrivate);
  return deps.webhooks.insert({
    url: url.href,
    events: input.events,
    campaigns: input.campaigns ?? null,
    tz: input.tz ?? 'UTC',
    secret: newWebhookSecret(),
    createdAt: deps.clock(),
  });
}

export async function getWebhook(deps: Pick<WebhookDeps, 'webhooks'>, id: number): Promise<Webhook> {
  const hook = await deps.webhooks.byId(id);
  if (!hook) throw webhookNotFound(id);
  return hook;
}

export async function updateWebhook(deps: WebhookDeps, id: number, raw: unknown): Promise<Webhook> {
  const input = parseInput(updateWebhookInput, raw);
  const url = input.url === undefined ? undefined : checkWebhookUrl(input.url, deps.allowPrivate).href;
  const hook = await deps.webhooks.update(id, { ...input, url });
  if (!hook) throw webhookNotFound(id);
  return hook;
}

export async function deleteWebhook(deps: Pick<WebhookDeps, 'webhooks'>, id: number): Promise<void> {
  if (!(await deps.webhooks.remove(id))) throw webhookNotFound(id);
}

export async function listDeliveries(deps: Pick<WebhookDeps, 'webhooks'>, id: number): Promise<WebhookDelivery[]> {
  await getWebhook(deps, id);
  return deps.webhooks.deliveries(id, 100);
}

/** Sends a delivery again, delivered or failed, as the same message (same webhook-id). */
export async function redeliver(deps: WebhookDeps, id: number, deliveryId: number): Promise<WebhookDelivery> {
  const delivery = await deps.webhooks.delivery(id, deliveryId);
  if (!delivery) throw notFound('delivery_not_found', `no delivery ${deliveryId} for webhook ${id}`);
  const now = deps.clock();
  const changes = {
    status: 'pending' as const,
    attempts: 0,
    nextAt: now,
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    updatedAt: now,
  };
  await deps.webhooks.settle(deliveryId, changes);
  return { ...delivery, ...changes };
}
