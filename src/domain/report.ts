import { gone, notFound } from './errors.js';

/** What a report shows: one campaign, or a fixed list of posts (at most REPORT_LIMITS.slugs). */
export type ReportScope = { campaign: string } | { slugs: string[]; linkIds: number[] };

/** A client report link: a read-only view of one scope, opened with a secret token. */
export interface Report {
  id: number;
  title: string;
  scope: ReportScope;
  /** A fixed range in UTC ms (to exclusive), or null: the last 30 days when it is opened. */
  range: { from: number; to: number } | null;
  expiresAt: number | null;
  /** PBKDF2 record (see services/reportPassword.ts), or null for an open report. */
  passwordHash: string | null;
  allowCsv: boolean;
  createdAt: number;
}

export type NewReport = Omit<Report, 'id'> & { tokenHash: string };

export const REPORT_LIMITS = {
  title: 200,
  slugs: 50,
  /** A password long enough for a passphrase, short enough to hash cheaply. */
  password: 200,
  /** What the timing answers (heatmap, lifetime, insights) read at most. */
  rangeDays: 366,
} as const;

/** Random characters in a report token: 43 of 62 symbols are about 256 bits. */
export const REPORT_TOKEN_LENGTH = 43;
/** A token as it may appear in /r/<token>. */
export const REPORT_TOKEN = /^[A-Za-z0-9]{43}$/;

export const reportNotFound = () => notFound('report_not_found', 'There is no report at this address');
export const reportExpired = () => gone('report_expired', 'This report has expired');

/** Throws report_expired when the report's expiry has passed. */
export function requireLive(report: Report, now: number): Report {
  if (report.expiresAt !== null && report.expiresAt <= now) throw reportExpired();
  return report;
}
