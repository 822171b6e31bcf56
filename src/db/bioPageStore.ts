import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import {
  handleTaken,
  type BioPage,
  type BioPageStore,
  type BioPageViewStore,
  type BioPageWithLinks,
} from '../domain/index.js';
import { bioPageEntries, bioPages, bioPageViews } from './bioSchema.js';
import type { BatchStatement, BatchWriter, Database } from './database.js';
import { toLink } from './linkStore.js';
import { links } from './schema.js';

type PageRow = typeof bioPages.$inferSelect;

/**
 * Bio pages on any SQLite driver. A page and its entries are written in one batch (a
 * transaction on better-sqlite3, db.batch on D1); entries are inserted by a SELECT that joins
 * the link, so a link deleted in between is simply left out instead of failing the write.
 */
export function createBioPageStore(db: Database, batch: BatchWriter): BioPageStore {
  const entryStatements = (page: ReturnType<typeof pageMatch>, linkIds: number[]): BatchStatement[] =>
    linkIds.map(
      (linkId, position) =>
        db.insert(bioPageEntries).select(
          db
            .select({ pageId: bioPages.id, position: sql<number>`${position}`.as('position'), linkId: links.id })
            .from(bioPages)
            .innerJoin(links, eq(links.id, linkId))
            .where(page),
        ) as unknown as BatchStatement,
    );

  async function withLinks(rows: PageRow[]): Promise<BioPageWithLinks[]> {
    if (rows.length === 0) return [];
    const entries = await db
      .select({ pageId: bioPageEntries.pageId, link: links })
      .from(bioPageEntries)
      .innerJoin(links, eq(links.id, bioPageEntries.linkId))
      .where(
        inArray(
          bioPageEntries.pageId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(bioPageEntries.pageId), asc(bioPageEntries.position));
    return rows.map((row) => ({
      ...toPage(row),
      links: entries.filter((e) => e.pageId === row.id).map((e) => toLink(e.link)),
    }));
  }

  const one = async (where: ReturnType<typeof pageMatch>) =>
    (await withLinks(await db.select().from(bioPages).where(where).limit(1)))[0] ?? null;

  return {
    async insert(page, linkIds) {
      const byHandle = pageMatch(page.handle);
      try {
        await batch([
          db.insert(bioPages).values(page) as unknown as BatchStatement,
          ...entryStatements(byHandle, linkIds),
        ]);
      } catch (err) {
        // The unique index settles a race for a handle; drivers word that failure differently.
        if ((await db.select({ id: bioPages.id }).from(bioPages).where(byHandle).limit(1)).length > 0) {
          throw handleTaken(page.handle);
        }
        throw err;
      }
      return (await one(byHandle))!;
    },

    byHandle: (handle) => one(pageMatch(handle)),

    async list() {
      return withLinks(await db.select().from(bioPages).orderBy(asc(bioPages.id)));
    },

    async update(id, changes, linkIds) {
      const byId = eq(bioPages.id, id);
      const statements: BatchStatement[] = [];
      if (Object.keys(changes).length > 0)
        statements.push(db.update(bioPages).set(changes).where(byId) as unknown as BatchStatement);
      if (linkIds) {
        statements.push(db.delete(bioPageEntries).where(eq(bioPageEntries.pageId, id)) as unknown as BatchStatement);
        statements.push(...entryStatements(byId, linkIds));
      }
      await batch(statements);
      return one(byId);
    },

    async remove(id) {
      const rows = await db.delete(bioPages).where(eq(bioPages.id, id)).returning({ id: bioPages.id });
      return rows.length > 0;
    },

    async linkIds(slugs) {
      if (slugs.length === 0) return new Map();
      const rows = await db.select({ id: links.id, slug: links.slug }).from(links).where(inArray(links.slug, slugs));
      return new Map(rows.map((r) => [r.slug, r.id]));
    },
  };
}

const pageMatch = (handle: string) => eq(bioPages.handle, handle);

function toPage(row: PageRow): BioPage {
  return {
    id: row.id,
    handle: row.handle,
    title: row.title,
    text: row.text,
    avatarUrl: row.avatarUrl,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Page view counters: upserts of counts only, no visitor detail at all. */
export function createBioPageViewStore(db: Database, batch: BatchWriter): BioPageViewStore {
  // INSERT … SELECT from the page: a count for a page deleted meanwhile inserts nothing.
  const upsert = (pageId: number, day: number, bot: boolean, views: number) =>
    db
      .insert(bioPageViews)
      .select(
        db
          .select({
            pageId: bioPages.id,
            day: sql<number>`${day}`.as('day'),
            bot: sql<boolean>`${bot ? 1 : 0}`.as('bot'),
            views: sql<number>`${views}`.as('views'),
          })
          .from(bioPages)
          .where(eq(bioPages.id, pageId)),
      )
      .onConflictDoUpdate({
        target: [bioPageViews.pageId, bioPageViews.day, bioPageViews.bot],
        set: { views: sql`${bioPageViews.views} + excluded.views` },
      });
  return {
    async add(pageId, day, bot) {
      await upsert(pageId, day, bot, 1);
    },
    async addAll(counts) {
      await batch(counts.map((c) => upsert(c.pageId, c.day, c.bot, c.views) as unknown as BatchStatement));
    },
    async counts(pageId, fromDay, toDay) {
      return db
        .select({ day: bioPageViews.day, bot: bioPageViews.bot, views: bioPageViews.views })
        .from(bioPageViews)
        .where(and(eq(bioPageViews.pageId, pageId), gte(bioPageViews.day, fromDay), lte(bioPageViews.day, toDay)))
        .orderBy(asc(bioPageViews.day), asc(bioPageViews.bot));
    },
  };
}
