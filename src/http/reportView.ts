import type { Report } from '../domain/index.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A report as the API shows it: never its token (only POST's `url` holds it) nor its password. */
export function reportView(report: Report, now: number) {
  const campaign = 'campaign' in report.scope ? report.scope.campaign : null;
  return {
    id: report.id,
    title: report.title,
    campaign,
    slugs: 'slugs' in report.scope ? report.scope.slugs : null,
    /** Null for the rolling last 30 days. */
    from: iso(report.range?.from ?? null),
    to: iso(report.range?.to ?? null),
    expiresAt: iso(report.expiresAt),
    password: report.passwordHash !== null,
    allowCsv: report.allowCsv,
    createdAt: iso(report.createdAt)!,
    state: report.expiresAt !== null && report.expiresAt <= now ? ('expired' as const) : ('live' as const),
  };
}
