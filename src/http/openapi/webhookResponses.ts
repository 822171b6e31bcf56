/** What the webhook routes answer, as zod schemas: webhookView and deliveryView are typed by them. */
import { z } from 'zod';
import { WEBHOOK_EVENTS } from '../../domain/webhook.js';

const instant = z.string().meta({ description: 'ISO 8601 date-time in UTC', example: '2026-03-10T09:00:00.000Z' });

export const webhookBody = z
  .object({
    id: z.number().int(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    campaigns: z
      .array(z.string())
      .nullable()
      .meta({ description: 'Only these campaigns’ links and clicks; null is every campaign' }),
    tz: z.string().meta({ description: 'The zone of report.daily’s day' }),
    createdAt: instant,
  })
  .strict()
  .meta({ id: 'Webhook' });

export const createdWebhook = webhookBody
  .extend({
    secret: z.string().meta({
      description: 'whsec_…: the signing secret, shown only in this answer',
      example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    }),
  })
  .strict()
  .meta({ id: 'CreatedWebhook' });

export const webhookList = z.object({ webhooks: z.array(webhookBody) }).strict();

export const deliveryBody = z
  .object({
    id: z.number().int(),
    messageId: z.string().meta({ description: 'The webhook-id header, the same on every attempt' }),
    type: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int().min(0),
    lastStatus: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'The receiver’s last HTTP status, null if it was not reached' }),
    lastError: z.string().nullable(),
    nextAttemptAt: instant.nullable().meta({ description: 'When a pending delivery is tried next' }),
    createdAt: instant,
    updatedAt: instant,
  })
  .strict()
  .meta({ id: 'WebhookDelivery' });

export const deliveryList = z.object({ deliveries: z.array(deliveryBody) }).strict();
