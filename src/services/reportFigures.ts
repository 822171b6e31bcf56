import type { Report, StatsScope, StatsStore, TimingStore } from '../domain/index.js';
import { compareStats } from './compareStats.js';
import { exportStats } from './exportStats.js';
import { getHeatmap } from './getHeatmap.js';
import { getInsights } from './getInsights.js';
import { getLifetime } from './getLifetime.js';
import { getStats } from './getStats.js';
import { reportScope } from './openReport.js';
import type { Clock } from '../domain/index.js';

export interface ReportFigureDeps {
  stats: StatsStore;
  timing: TimingStore;
  clock: Clock;
}

/** The breakdowns a report shows; referrers, cities, OS, browser and campaign stay in the dashboard. */
export const REPORT_BREAKDOWNS = ['network', 'link', 'source', 'country', 'device', 'qr'] as const;

/**
 * The only query parameters a report's page may choose: how to show its figures, never what
 * they cover. Filters (campaign, slug, network, source…), the range and the bots mode come
 * from the report alone; anything else a request sends is dropped.
 */
const VIEW_PARAMS = ['tz', 'interval', 'metric', 'hours', 'by'] as const;

function viewQuery(report: Report, raw: Record<string, unknown>): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  for (const name of VIEW_PARAMS) if (typeof raw[name] === 'string') q[name] = raw[name];
  if (report.range) {
    q.from = new Date(report.range.from).toISOString();
    q.to = new Date(report.range.to).toISOString();
  }
  q.bots = 'exclude';
  return q;
}

/** Totals, series and the report's breakdowns over its range, for its scope only. */
export async function reportStats(deps: ReportFigureDeps, report: Report, raw: Record<string, unknown>) {
  const stats = await getStats(deps, { ...viewQuery(report, raw), limit: '20' }, reportScope(report));
  const breakdowns = Object.fromEntries(REPORT_BREAKDOWNS.map((b) => [b, stats.breakdowns[b]]));
  return { ...stats, breakdowns };
}

/** The report's posts (or its networks, by=network) aligned at posting time. */
export async function reportCompare(deps: ReportFigureDeps, report: Report, raw: Record<string, unknown>) {
  const q = viewQuery(report, raw);
  delete q.from;
  delete q.to;
  return compareStats(
    deps,
    { ...q, by: raw.by === 'network' ? 'network' : 'link', align: 'posted', interval: 'hour' },
    reportScope(report),
  );
}

export const reportHeatmap = (deps: ReportFigureDeps, report: Report, raw: Record<string, unknown>) =>
  getHeatmap(deps, viewQuery(report, raw), reportScope(report));

export const reportLifetime = (deps: ReportFigureDeps, report: Report, raw: Record<string, unknown>) =>
  getLifetime(deps, viewQuery(report, raw), reportScope(report));

export const reportInsights = (deps: ReportFigureDeps, report: Report, raw: Record<string, unknown>) =>
  getInsights(deps, viewQuery(report, raw), reportScope(report));

/** The per-post report CSV of the scope (never raw clicks), named after the report. */
export const reportCsv = (deps: ReportFigureDeps, report: Report, raw: Record<string, unknown>) =>
  exportStats(deps, viewQuery(report, raw), { scope: reportScope(report), name: report.title });
