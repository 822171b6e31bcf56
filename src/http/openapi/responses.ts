/**
 * What the API answers, as zod schemas: the views are typed by them and the OpenAPI document
 * is generated from them, so a field added to a view without its schema fails to compile.
 */
import { z } from 'zod';
import { SCOPES } from '../../domain/index.js';
import { BREAKDOWNS, DEVICES, INTERVALS, NETWORKS, UTM_FIELDS } from '../../domain/index.js';

const instant = z.string().meta({ description: 'ISO 8601 date-time in UTC', example: '2026-03-10T09:00:00.000Z' });
const cursor = z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' });
const count = z.number().int().min(0);

export const errorBody = z
  .object({
    error: z
      .object({
        code: z.string().meta({ description: 'Stable, machine-readable: slug_taken, invalid_input, unauthorized…' }),
        message: z.string().meta({ description: 'For people: what went wrong and what to do' }),
        details: z.unknown().optional(),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'Error' });

export const linkBody = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    shortUrl: z.string(),
    url: z.string().meta({ description: 'The destination as given' }),
    destination: z.string().meta({ description: 'Where the short link redirects: url with its UTM tags' }),
    title: z.string().nullable(),
    campaign: z.string().nullable(),
    network: z.enum(NETWORKS).nullable(),
    utm: z.object(Object.fromEntries(UTM_FIELDS.map((f) => [f, z.string().optional()]))).strict(),
    postedAt: instant.nullable(),
    createdAt: instant,
    updatedAt: instant,
    disabled: z.boolean(),
    expiresAt: instant.nullable(),
    maxClicks: z.number().int().nullable(),
    clicks: count.meta({ description: 'Human clicks so far' }),
    preview: z
      .object({ title: z.string(), description: z.string().nullable(), imageUrl: z.string().nullable() })
      .strict()
      .nullable()
      .meta({
        description: 'The card shown to link-preview fetchers (Facebook, LinkedIn, Slack…) instead of the redirect',
      }),
    status: z.enum(['live', 'disabled', 'expired', 'exhausted']).meta({
      description: 'Whether the link redirects now, and if not why: disabled, past expiresAt, or at maxClicks',
    }),
  })
  .strict()
  .meta({ id: 'Link' });
export type LinkBody = z.infer<typeof linkBody>;

export const linkList = z.object({ links: z.array(linkBody), nextCursor: cursor }).strict();
export const bulkCreated = z.object({ links: z.array(linkBody) }).strict();
export const bulkPreview = z
  .object({
    dryRun: z.literal(true),
    links: z.array(linkBody.extend({ id: z.null() }).meta({ id: 'LinkPreview' })),
  })
  .strict();

export const clickBody = z
  .object({
    id: z.number().int(),
    clickedAt: instant,
    slug: z.string(),
    campaign: z.string().nullable(),
    network: z.string().nullable(),
    source: z.string(),
    referrer: z.string().nullable(),
    referrerHost: z.string().nullable(),
    device: z.enum(DEVICES),
    os: z.string().nullable(),
    browser: z.string().nullable(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    city: z.string().nullable(),
    bot: z.boolean(),
    visitor: z.string().meta({ description: 'A daily-salted key that counts uniques and identifies nobody' }),
    qr: z.boolean(),
  })
  .strict()
  .meta({ id: 'Click' });
export type ClickBody = z.infer<typeof clickBody>;
export const clickList = z
  .object({
    clicks: z.array(clickBody),
    nextCursor: cursor,
    rawClicksFrom: instant.nullable().meta({
      description:
        'Where raw clicks start under CLICK_RETENTION_DAYS (older ones are deleted, their counters kept); null when all are kept',
    }),
  })
  .strict();

const breakdownRow = z
  .object({ value: z.string().nullable(), label: z.string().optional(), clicks: count, uniques: count })
  .strict()
  .meta({ id: 'BreakdownRow' });
export const stats = z
  .object({
    range: z.object({ from: z.string(), to: z.string(), tz: z.string(), interval: z.enum(INTERVALS) }).strict(),
    totals: z.object({ clicks: count, uniques: count, bots: count }).strict(),
    series: z.array(z.object({ t: z.string(), clicks: count, uniques: count }).strict()),
    breakdowns: z.object(Object.fromEntries(BREAKDOWNS.map((b) => [b, z.array(breakdownRow)]))).strict(),
  })
  .strict()
  .meta({ id: 'Stats' });

export const comparison = z
  .object({
    series: z.array(
      z
        .object({
          key: z.string().nullable(),
          label: z.string(),
          network: z.string().nullable(),
          campaign: z.string().nullable(),
          postedAt: instant,
          posts: count,
          points: z.array(
            z
              .object({
                t: z
                  .union([z.number(), z.string()])
                  .meta({ description: 'Hours since posting (align=posted) or the local interval start' }),
                clicks: count,
                cumulative: count,
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict()
  .meta({ id: 'Comparison' });

export const campaignList = z
  .object({
    campaigns: z.array(
      z
        .object({
          campaign: z.string(),
          links: count,
          clicks: count,
          uniques: count,
          bestNetwork: z.string().nullable(),
          firstPostAt: instant,
          lastPostAt: instant,
        })
        .strict(),
    ),
  })
  .strict();

export const session = z
  .object({
    signedIn: z.literal(true),
    csrfToken: z.string().meta({ description: 'Send as X-CSRF-Token on POST, PATCH and DELETE' }),
    expiresAt: instant,
    principal: z.object({ kind: z.enum(['admin', 'key']), name: z.string() }).strict(),
    scopes: z
      .array(z.enum(SCOPES))
      .meta({ description: "The signed-in key's scopes: the dashboard hides what they do not allow" }),
    campaigns: z
      .array(z.string())
      .nullable()
      .meta({ description: 'The campaigns the key is limited to; null: every campaign' }),
  })
  .strict()
  .meta({ id: 'Session' });
export const sessionState = z.union([session, z.object({ signedIn: z.literal(false) }).strict()]);
