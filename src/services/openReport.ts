import { REPORT_TOKEN, reportNotFound, requireLive, type Report, type StatsScope } from '../domain/index.js';
import type { ReportDeps } from './reportDeps.js';
import { sha256Hex } from './secret.js';

/**
 * The live report a token opens: 404 report_not_found for a malformed, unknown or revoked
 * token, 410 report_expired past its expiry. Read from the store on every request, so a
 * revocation or an expiry applies at once on every runtime.
 */
export async function openReport(deps: Pick<ReportDeps, 'reports' | 'clock'>, token: string): Promise<Report> {
  if (!REPORT_TOKEN.test(token)) throw reportNotFound();
  const report = await deps.reports.byTokenHash(await sha256Hex(token));
  if (!report) throw reportNotFound();
  return requireLive(report, deps.clock());
}

/** The stats scope a report is confined to: its campaign, or exactly its posts' ids. */
export const reportScope = (report: Report): StatsScope =>
  'campaign' in report.scope ? { campaigns: [report.scope.campaign] } : { linkIds: report.scope.linkIds };
