/** What the bio page routes answer, as zod schemas: bioPageView is typed by them. */
import { z } from 'zod';

const instant = z.string().meta({ description: 'ISO 8601 date-time in UTC', example: '2026-03-10T09:00:00.000Z' });
const count = z.number().int().min(0);

export const bioPageBody = z
  .object({
    handle: z.string(),
    url: z.string().meta({ description: 'The public page: PUBLIC_URL/@handle' }),
    title: z.string(),
    text: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    links: z.array(
      z
        .object({
          slug: z.string(),
          shortUrl: z.string(),
          title: z.string().nullable(),
          label: z.string().meta({ description: 'What the page shows: the title, else where the link goes' }),
          state: z
            .enum(['live', 'disabled', 'expired', 'exhausted'])
            .meta({ description: 'Only live entries are on the page' }),
        })
        .strict(),
    ),
    createdAt: instant,
    updatedAt: instant,
  })
  .strict()
  .meta({ id: 'BioPage' });
export type BioPageBody = z.infer<typeof bioPageBody>;

export const bioPageList = z.object({ bioPages: z.array(bioPageBody) }).strict();

export const bioPageStats = z
  .object({
    range: z.object({ from: instant, to: instant, days: z.number().int() }).strict(),
    views: z.object({ people: count, bots: count }).strict(),
    daily: z.array(
      z.object({ day: z.string().meta({ description: 'UTC day, YYYY-MM-DD' }), people: count, bots: count }).strict(),
    ),
    entries: z.array(
      z
        .object({
          slug: z.string(),
          clicks: count.meta({ description: 'Human clicks from the page (source bio)' }),
          bots: count,
        })
        .strict(),
    ),
  })
  .strict();
