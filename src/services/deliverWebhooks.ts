import type { Clock, Logger } from '../domain/index.js';
import type { WebhookDelivery, WebhookSender, WebhookStore } from '../domain/webhook.js';
import { signatureHeaders } from './webhookSigning.js';

/**
 * Waits before each retry: exponential, about 24 hours in all (5 s … 8 h), each ±20 % so
 * receivers that come back are not hit by every sender at once. After the last, failed.
 */
export const RETRY_DELAYS_MS = [5e3, 60e3, 5 * 60e3, 30 * 60e3, 2 * 3600e3, 5 * 3600e3, 8 * 3600e3, 8 * 3600e3];
/** How long an attempt holds its delivery: longer than a send may take (10 s), and how long a delivery cut off by a crash waits. */
const LEASE_MS = 15_000;
const DELIVERIES_PER_RUN = 50;
const PARALLEL_SENDS = 4;

export interface DeliverDeps {
  webhooks: WebhookStore;
  sender: WebhookSender;
  clock: Clock;
  logger: Logger;
  retryDelaysMs?: readonly number[];
  random?: () => number;
}

/** Sends the deliveries that are due, a few at a time; every outcome is written back. */
export async function deliverWebhooks(deps: DeliverDeps): Promise<number> {
  const due = await deps.webhooks.due(deps.clock(), DELIVERIES_PER_RUN);
  let sent = 0;
  for (let i = 0; i < due.length; i += PARALLEL_SENDS) {
    const results = await Promise.all(due.slice(i, i + PARALLEL_SENDS).map((d) => attempt(deps, d)));
    sent += results.filter(Boolean).length;
  }
  return sent;
}

async function attempt(deps: DeliverDeps, d: WebhookDelivery): Promise<boolean> {
  const now = deps.clock();
  // Another runner (a second cron run) may hold it; the lease also covers a crash mid-send.
  if (!(await deps.webhooks.lease(d.id, d.nextAt, now + LEASE_MS))) return false;
  const hook = await deps.webhooks.byId(d.webhookId);
  if (!hook) return false;
  const headers = await signatureHeaders(hook.secret, d.messageId, Math.floor(now / 1000), d.body);
  const result = await deps.sender.send(
    hook.url,
    { ...headers, 'content-type': 'application/json', 'user-agent': 'linkpost-webhooks' },
    d.body,
  );
  const attempts = d.attempts + 1;
  const done = deps.clock();
  if (result.ok) {
    await deps.webhooks.settle(d.id, {
      status: 'delivered',
      attempts,
      nextAt: done,
      lastStatus: result.status,
      lastError: null,
      updatedAt: done,
    });
    return true;
  }
  const delays = deps.retryDelaysMs ?? RETRY_DELAYS_MS;
  const failed = attempts > delays.length;
  const jitter = 0.8 + 0.4 * (deps.random ?? Math.random)();
  const nextAt = failed ? done : done + Math.round(delays[attempts - 1]! * jitter);
  await deps.webhooks.settle(d.id, {
    status: failed ? 'failed' : 'pending',
    attempts,
    nextAt,
    lastStatus: result.status,
    lastError: result.error,
    updatedAt: done,
  });
  deps.logger.warn(failed ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry', {
    webhookId: d.webhookId,
    deliveryId: d.id,
    attempts,
    status: result.status,
    error: result.error,
  });
  return false;
}
