import type { NewReport, Report } from './report.js';

/** Where report links live. Async, so D1 and better-sqlite3 both fit. */
export interface ReportStore {
  insert(report: NewReport): Promise<Report>;
  /** The report whose token has this SHA-256 (hex), or null. */
  byTokenHash(tokenHash: string): Promise<Report | null>;
  /** Every report, newest first. */
  list(): Promise<Report[]>;
  /** Deletes a report: its link answers 404 from then on. False when there was none. */
  remove(id: number): Promise<boolean>;
  /** The ids of the links with these slugs, in one read; unknown slugs are absent. */
  linkIds(slugs: string[]): Promise<Map<string, number>>;
}
