import { notFound } from '../domain/index.js';
import type { ReportDeps } from './reportDeps.js';

/** Revokes a report: its link answers 404 from the next request on, on every runtime. */
export async function revokeReport(deps: Pick<ReportDeps, 'reports'>, rawId: string): Promise<void> {
  const id = /^\d{1,15}$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(id) || !(await deps.reports.remove(id)))
    throw notFound('report_not_found', `no report with id ${rawId}`);
}
