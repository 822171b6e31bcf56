import { z } from 'zod';
import { ceilTo, DAY_MS, floorTo, MAX_CAMPAIGN_LENGTH, QUARTER_MS, REPORT_LIMITS } from '../domain/index.js';
import { storedText } from './linkInput.js';
import { instantMessage, parseInstant, tzField } from './statsInput.js';

/** An instant as the analytics API reads `from`/`to` (a date is midnight in `tz`). */
const instant = z.string().max(40);

/** The body of POST /api/reports, as the API documents it. */
export const createReportBody = z
  .object({
    title: storedText()
      .trim()
      .min(1, 'must not be empty')
      .max(REPORT_LIMITS.title, `at most ${REPORT_LIMITS.title} characters`),
    campaign: z.string().trim().min(1, 'must not be empty').max(MAX_CAMPAIGN_LENGTH).optional(),
    slugs: z
      .array(z.string().min(1).max(64))
      .min(1, 'give at least one slug')
      .max(REPORT_LIMITS.slugs, `at most ${REPORT_LIMITS.slugs} slugs`)
      .refine((s) => new Set(s).size === s.length, 'a slug appears more than once')
      .optional(),
    from: instant.optional(),
    to: instant.optional(),
    /** The zone in which dates without an offset are read; UTC by default. */
    tz: tzField,
    expiresAt: instant.nullish(),
    password: z
      .string()
      .min(1, 'must not be empty')
      .max(REPORT_LIMITS.password, `at most ${REPORT_LIMITS.password} characters`)
      .nullish(),
    allowCsv: z.boolean().default(false),
  })
  .strict();

/** The body with the clock's `now`, parsed into a scope, a range in ms and an expiry. */
export const createReportInput = createReportBody.extend({ now: z.number() }).transform((input, ctx) => {
  if ((input.campaign === undefined) === (input.slugs === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['campaign'], message: 'give exactly one of campaign and slugs' });
    return z.NEVER;
  }
  const at = (field: 'from' | 'to' | 'expiresAt') => {
    const value = input[field];
    if (value === undefined || value === null) return null;
    const ms = parseInstant(value, input.tz);
    if (ms === null) ctx.addIssue({ code: 'custom', path: [field], message: instantMessage(value) });
    return ms;
  };
  // Widened to whole quarter hours, as the analytics read them, before the length is checked.
  const fromAt = at('from');
  const toAt = at('to');
  const from = fromAt === null ? null : floorTo(fromAt, QUARTER_MS);
  const to = toAt === null ? null : ceilTo(toAt, QUARTER_MS);
  const expiresAt = at('expiresAt');
  if ((input.from === undefined) !== (input.to === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [input.from === undefined ? 'from' : 'to'],
      message: 'give both from and to, or neither for the last 30 days',
    });
  } else if (from !== null && to !== null) {
    if (to <= from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the range ends before it starts' });
    else if (to - from > REPORT_LIMITS.rangeDays * DAY_MS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${REPORT_LIMITS.rangeDays} days` });
  }
  if (expiresAt !== null && expiresAt <= input.now)
    ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be in the future' });
  return { ...input, range: from !== null && to !== null ? { from, to } : null, expiresAt };
});
