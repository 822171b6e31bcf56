import { and, asc, count, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { ClickExportRow, ClickReader, ClickRow } from '../domain/index.js';
import { clickConditions, clickRowColumns } from './clickStore.js';
import type { Database } from './database.js';
import { clicks, links } from './schema.js';

type ExportFilter = Parameters<ClickReader['page']>[0];

const exportColumns = { ...clickRowColumns, title: links.title, destination: links.destination };

/**
 * The filter's conditions, with the time range written `+clicked_at` so SQLite cannot pick
 * the time index: that would read the range and sort it again for every page.
 */
function walkConditions(filter: ExportFilter): SQL[] {
  const where = clickConditions({ ...filter, from: undefined, to: undefined });
  if (filter.from !== undefined) where.push(sql`+${clicks.clickedAt} >= ${filter.from}`);
  if (filter.to !== undefined) where.push(sql`+${clicks.clickedAt} < ${filter.to}`);
  return where;
}

/** One page's query, exposed so a test can check SQLite's plan for it. */
export function exportPageQuery(db: Database, filter: ExportFilter, afterId: number, limit: number) {
  return db
    .select(exportColumns)
    .from(clicks)
    .crossJoin(links)
    .where(and(eq(links.id, clicks.linkId), ...walkConditions(filter), gt(clicks.id, afterId)))
    .orderBy(asc(clicks.id))
    .limit(limit);
}

/**
 * Stored clicks joined with their posts. Listings read newest first by id. Exports read by keyset on clicks.id: each page is one awaited
 * query that starts where the last one stopped, holds no cursor open between pages (D1 has
 * none) and never loads the whole table.
 *
 * CROSS JOIN makes SQLite walk clicks by primary key and look each post up, so pages come
 * out in id order with no sort. With a plain join, a slug or campaign filter makes it start
 * from the post and sort all of that post's clicks again for every page: quadratic, and a
 * date range does the same through the
 * time index. Walking the key costs at most one pass over the table per export, however
 * selective the filter, plus the rows written.
 */
export function createClickReader(db: Database): ClickReader {
  return {
    async list(filter) {
      const where = clickConditions(filter);
      const rows = await db
        .select(clickRowColumns)
        .from(clicks)
        .innerJoin(links, eq(links.id, clicks.linkId))
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(clicks.id))
        .limit(filter.limit);
      return rows as ClickRow[];
    },

    async page(filter, afterId, limit) {
      return (await exportPageQuery(db, filter, afterId, limit)) as ClickExportRow[];
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
