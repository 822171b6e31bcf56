/** What /api/keys answers, as zod schemas: keyView is typed by them. */
import { z } from 'zod';
import { SCOPES } from '../../domain/index.js';

const instant = z.string().meta({ description: 'ISO 8601 date-time in UTC', example: '2026-03-10T09:00:00.000Z' });

export const keyBody = z
  .object({
    id: z.number().int(),
    name: z.string(),
    prefix: z.string().meta({
      description: 'The start of the key, to tell keys apart (the rest is never shown again)',
      example: 'lp_3fA9c1D2_',
    }),
    scopes: z
      .array(z.enum(SCOPES))
      .meta({ description: 'admin implies every other scope, and manages keys, webhooks, bio pages and reports' }),
    campaigns: z
      .array(z.string())
      .nullable()
      .meta({ description: 'The campaigns the key sees and changes; null: every campaign' }),
    createdAt: instant,
    lastUsedAt: instant
      .nullable()
      .meta({ description: 'When the key last authenticated a request (recorded at most once a minute)' }),
    revokedAt: instant.nullable(),
  })
  .strict()
  .meta({ id: 'ApiKey' });

export const keyCreated = keyBody
  .extend({ key: z.string().meta({ description: 'The key itself: shown in this answer only, never again' }) })
  .strict()
  .meta({ id: 'NewApiKey' });

export const keyList = z.object({ keys: z.array(keyBody) }).strict();
