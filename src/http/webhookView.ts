import type { z } from 'zod';
import type { Webhook, WebhookDelivery } from '../domain/webhook.js';
import type { deliveryBody, webhookBody } from './openapi/webhookResponses.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A webhook as the API shows it; the secret only in the answer that created it. */
export const webhookView = (h: Webhook): z.infer<typeof webhookBody> => ({
  id: h.id,
  url: h.url,
  events: h.events,
  campaigns: h.campaigns,
  tz: h.tz,
  createdAt: iso(h.createdAt),
});

export const deliveryView = (d: WebhookDelivery): z.infer<typeof deliveryBody> => ({
  id: d.id,
  messageId: d.messageId,
  type: d.type,
  status: d.status,
  attempts: d.attempts,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAt) : null,
  createdAt: iso(d.createdAt),
  updatedAt: iso(d.updatedAt),
});
