/** What the report routes answer, as zod schemas. */
import { z } from 'zod';

const instant = z.string().meta({ description: 'ISO 8601 date-time in UTC', example: '2026-03-10T09:00:00.000Z' });

export const reportBody = z
  .object({
    id: z.number().int(),
    title: z.string(),
    campaign: z.string().nullable().meta({ description: 'The campaign reported on, or null for a list of posts' }),
    slugs: z.array(z.string()).nullable().meta({ description: 'The posts reported on, or null for a campaign' }),
    from: instant
      .nullable()
      .meta({ description: 'Start of a fixed range; null with `to` null: the last 30 days when opened' }),
    to: instant.nullable().meta({ description: 'End of a fixed range (exclusive)' }),
    expiresAt: instant.nullable(),
    password: z.boolean().meta({ description: 'Whether the page asks for a password' }),
    allowCsv: z.boolean(),
    createdAt: instant,
    state: z.enum(['live', 'expired']),
  })
  .strict()
  .meta({ id: 'Report' });

export const reportCreated = reportBody
  .extend({ url: z.string().meta({ description: 'PUBLIC_URL/r/<token>: shown once, only its hash is kept' }) })
  .strict();

export const reportList = z.object({ reports: z.array(reportBody) }).strict();
