import { z } from 'zod';
import { canonicalTimeZone, MAX_CAMPAIGN_LENGTH } from '../domain/index.js';
import { WEBHOOK_EVENTS } from '../domain/webhook.js';

const tzField = z
  .string()
  .max(64)
  .transform((v, ctx) => {
    const tz = canonicalTimeZone(v);
    if (!tz) {
      ctx.addIssue({ code: 'custom', message: `unknown time zone "${v}"` });
      return z.NEVER;
    }
    return tz;
  });

const eventsField = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1)
  .max(WEBHOOK_EVENTS.length)
  .transform((e) => [...new Set(e)]);
const campaignsField = z.array(z.string().min(1).max(MAX_CAMPAIGN_LENGTH)).min(1).max(100).nullable();

export const createWebhookInput = z
  .object({
    url: z.string().max(2048),
    events: eventsField,
    campaigns: campaignsField.optional(),
    tz: tzField.optional(),
  })
  .strict();

export const updateWebhookInput = createWebhookInput.partial().strict();
