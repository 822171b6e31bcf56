import { and, asc, count, eq, gt } from 'drizzle-orm';
import type { ClickExportReader, ClickExportRow } from '../domain/index.js';
import { clickConditions, clickRowColumns } from './clickStore.js';
import type { Database } from './database.js';
import { clicks, links } from './schema.js';

const exportColumns = { ...clickRowColumns, title: links.title, destination: links.destination };

/**
 * Clicks joined with their posts, read by keyset on clicks.id: each page is one awaited
 * query that starts where the last one stopped, so it costs the same on page 1 and page
 * 1,000, holds no cursor open between pages (D1 has none) and never loads the whole table.
 */
export function createClickExportReader(db: Database): ClickExportReader {
  return {
    async page(filter, afterId, limit) {
      const where = [...clickConditions(filter), gt(clicks.id, afterId)];
      const rows = await db
        .select(exportColumns)
        .from(clicks)
        .innerJoin(links, eq(links.id, clicks.linkId))
        .where(and(...where))
        .orderBy(asc(clicks.id))
        .limit(limit);
      return rows as ClickExportRow[];
    },

    async count(filter) {
      const where = clickConditions(filter);
      const [row] = await db
        .select({ n: count() })
        .from(clicks)
        .innerJoin(links, eq(links.id, clicks.linkId))
        .where(where.length ? and(...where) : undefined);
      return row?.n ?? 0;
    },
  };
}
