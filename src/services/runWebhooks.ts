import { deliverWebhooks, type DeliverDeps } from './deliverWebhooks.js';
import { queueWebhookMessages, type QueueDeps } from './queueWebhookMessages.js';

export type WebhookRunDeps = QueueDeps & DeliverDeps;

/** One pass of the webhook worker: what happened becomes deliveries, then due ones are sent. */
export async function runWebhooks(deps: WebhookRunDeps): Promise<void> {
  await queueWebhookMessages(deps);
  await deliverWebhooks(deps);
}
