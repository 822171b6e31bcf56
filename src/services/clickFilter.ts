import { z } from 'zod';
import { impossibleDateMessage, isRealDate, MAX_CAMPAIGN_LENGTH, NETWORKS, normalizeNetwork } from '../domain/index.js';

/** A date (start of that UTC day) or a date-time, as epoch ms. */
export const instantParam = z.string().transform((v, ctx) => {
  if (!isRealDate(v)) {
    ctx.addIssue({ code: 'custom', message: impossibleDateMessage(v) });
    return z.NEVER;
  }
  const ms = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v) ? Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v) : NaN;
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO date (2026-03-01) or date-time' });
    return z.NEVER;
  }
  return ms;
});

export const networkParam = z.string().transform((v, ctx) => {
  const n = normalizeNetwork(v);
  if (!n) {
    ctx.addIssue({ code: 'custom', message: `unknown network "${v}"; use one of ${NETWORKS.join(', ')}` });
    return z.NEVER;
  }
  return n;
});

/** Filters shared by the click listing and the CSV export. */
export const clickFilterFields = {
  slug: z.string().max(64).optional(),
  campaign: z.string().max(MAX_CAMPAIGN_LENGTH).optional(),
  network: networkParam.optional(),
  from: instantParam.optional(),
  to: instantParam.optional(),
};
