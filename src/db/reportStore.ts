import { desc, eq, inArray } from 'drizzle-orm';
import type { Report, ReportStore } from '../domain/index.js';
import type { Database } from './database.js';
import { reports } from './reportSchema.js';
import { links } from './schema.js';

type ReportRow = typeof reports.$inferSelect;

/** Report links on any SQLite driver: one row each, found by the hash of its token. */
export function createReportStore(db: Database): ReportStore {
  return {
    async insert(report) {
      const scope =
        'campaign' in report.scope
          ? { campaign: report.scope.campaign, slugs: null, linkIds: null }
          : {
              campaign: null,
              slugs: JSON.stringify(report.scope.slugs),
              linkIds: JSON.stringify(report.scope.linkIds),
            };
      const [row] = await db
        .insert(reports)
        .values({
          tokenHash: report.tokenHash,
          title: report.title,
          ...scope,
          fromMs: report.range?.from ?? null,
          toMs: report.range?.to ?? null,
          expiresAt: report.expiresAt,
          passwordHash: report.passwordHash,
          allowCsv: report.allowCsv,
          createdAt: report.createdAt,
        })
        .returning();
      return toReport(row!);
    },
    async byTokenHash(tokenHash) {
      const [row] = await db.select().from(reports).where(eq(reports.tokenHash, tokenHash)).limit(1);
      return row ? toReport(row) : null;
    },
    async list() {
      return (await db.select().from(reports).orderBy(desc(reports.id))).map(toReport);
    },
    async remove(id) {
      const rows = await db.delete(reports).where(eq(reports.id, id)).returning({ id: reports.id });
      return rows.length > 0;
    },
    async linkIds(slugs) {
      if (slugs.length === 0) return new Map();
      const rows = await db.select({ id: links.id, slug: links.slug }).from(links).where(inArray(links.slug, slugs));
      return new Map(rows.map((r) => [r.slug, r.id]));
    },
  };
}

function toReport(row: ReportRow): Report {
  return {
    id: row.id,
    title: row.title,
    scope:
      row.campaign !== null
        ? { campaign: row.campaign }
        : { slugs: JSON.parse(row.slugs ?? '[]') as string[], linkIds: JSON.parse(row.linkIds ?? '[]') as number[] },
    range: row.fromMs !== null && row.toMs !== null ? { from: row.fromMs, to: row.toMs } : null,
    expiresAt: row.expiresAt,
    passwordHash: row.passwordHash,
    allowCsv: row.allowCsv,
    createdAt: row.createdAt,
  };
}
