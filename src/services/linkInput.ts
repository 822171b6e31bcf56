import { z } from 'zod';
import { cursorField } from './paging.js';
import {
  impossibleDateMessage,
  isRealDate,
  storedTextProblem,
  MAX_CAMPAIGN_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  NETWORKS,
  normalizeNetwork,
  UTM_FIELDS,
} from '../domain/index.js';

const network = z.string().transform((v, ctx) => {
  const n = normalizeNetwork(v);
  if (!n) {
    ctx.addIssue({ code: 'custom', message: `unknown network "${v}"; use one of ${NETWORKS.join(', ')}` });
    return z.NEVER;
  }
  return n;
});

/** The instants a post may name: years 1970 to 9999, which every ISO 8601 reader can print. */
const MIN_INSTANT = 0;
const MAX_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** ISO date-time (or epoch ms) → epoch ms. */
const instant = z.union([z.string(), z.number()]).transform((v, ctx) => {
  if (typeof v === 'string' && !isRealDate(v)) {
    ctx.addIssue({ code: 'custom', message: impossibleDateMessage(v) });
    return z.NEVER;
  }
  const ms = typeof v === 'number' ? v : Date.parse(v);
  if (!Number.isFinite(ms) || (typeof v === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(v))) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 date-time' });
    return z.NEVER;
  }
  if (!Number.isInteger(ms) || ms < MIN_INSTANT || ms > MAX_INSTANT) {
    ctx.addIssue({ code: 'custom', message: 'expected a time between 1970 and 9999 (whole milliseconds)' });
    return z.NEVER;
  }
  return ms;
});

/** A text to be stored, checked by the one rule (storedTextProblem) before anything else. */
export const storedText = ({ multiline = false } = {}) =>
  z.string().superRefine((v, ctx) => {
    const problem = storedTextProblem(v, { multiline });
    if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
  });

const utmValue = storedText().trim().max(200);
const utm = z
  .object(
    Object.fromEntries(UTM_FIELDS.map((f) => [f, utmValue.optional()])) as Record<
      (typeof UTM_FIELDS)[number],
      z.ZodOptional<typeof utmValue>
    >,
  )
  .strict();

const text = (max: number, multiline = false) => storedText({ multiline }).trim().max(max, `at most ${max} characters`);

/** An image networks fetch for the card: https only, so a card never pulls from a plain-http host. */
const httpsUrl = z
  .string()
  .max(MAX_URL_LENGTH)
  .refine((v) => {
    try {
      return new URL(v).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an https:// URL');

export const MAX_PREVIEW_TITLE_LENGTH = 200;
export const MAX_PREVIEW_DESCRIPTION_LENGTH = 500;

/** The card link-preview fetchers are shown: a title, and optionally a description and an image. */
const preview = z
  .object({
    title: text(MAX_PREVIEW_TITLE_LENGTH).min(1, 'a preview needs a title'),
    description: text(MAX_PREVIEW_DESCRIPTION_LENGTH).nullish(),
    imageUrl: httpsUrl.nullish(),
  })
  .strict()
  .transform((p) => ({ title: p.title, description: p.description || null, imageUrl: p.imageUrl ?? null }));

/** What a post says about itself, the same whether it is being created or edited. */
const postFields = {
  title: text(MAX_TITLE_LENGTH, true).nullish(),
  campaign: text(MAX_CAMPAIGN_LENGTH).nullish(),
  network: network.nullish(),
  postedAt: instant.nullish(),
  expiresAt: instant.nullish(),
  maxClicks: z.number().int().positive().nullish(),
  preview: preview.nullish(),
};
const destinationUrl = storedText().max(MAX_URL_LENGTH + 100);

export const createLinkInput = z
  .object({ url: destinationUrl, slug: z.string().optional(), ...postFields, utm: utm.optional() })
  .strict();
export type CreateLinkInput = z.input<typeof createLinkInput>;

export const updateLinkInput = z
  .object({ url: destinationUrl.optional(), ...postFields, utm: utm.nullish(), disabled: z.boolean().optional() })
  .strict();
export type UpdateLinkInput = z.input<typeof updateLinkInput>;

export const listLinksInput = z.object({
  campaign: z.string().max(MAX_CAMPAIGN_LENGTH).optional(),
  network: network.optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: cursorField,
});
export type ListLinksInput = z.input<typeof listLinksInput>;
