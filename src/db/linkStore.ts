import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { slugTaken, type Link, type LinkChanges, type LinkFilter, type LinkStore, type NewLink, type Network, type Utm } from '../domain/index.js';
import type { Database } from './database.js';
import { links } from './schema.js';

type Row = typeof links.$inferSelect;

export function toLink(row: Row): Link {
  return {
    id: row.id,
    slug: row.slug,
    url: row.url,
    destination: row.destination,
    title: row.title,
    campaign: row.campaign,
    network: row.network as Network | null,
    utm: parseUtm(row.utm),
    postedAt: row.postedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    disabled: row.disabled,
    expiresAt: row.expiresAt,
    maxClicks: row.maxClicks,
    humanClicks: row.humanClicks,
  };
}

function parseUtm(text: string): Utm {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Utm) : {};
  } catch {
    return {};
  }
}

/** `column IN` the values of a JSON array, bound as one parameter. */
const inJson = (column: typeof links.slug, json: string) =>
  sql`${column} IN (SELECT value FROM json_each(${json}))`;

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
const likeTerm = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createLinkStore(db: Database): LinkStore {
  return {
    async insert(link: NewLink) {
      // ON CONFLICT DO NOTHING instead of catching the driver's error: better-sqlite3 and
      // D1 word (and wrap) a UNIQUE failure differently; an empty RETURNING is the same on both.
      const [row] = await db
        .insert(links)
        .values({ ...link, utm: JSON.stringify(link.utm) })
        .onConflictDoNothing({ target: links.slug })
        .returning();
      if (!row) throw slugTaken(link.slug);
      return toLink(row);
    },

    async bySlug(slug) {
      const [row] = await db.select().from(links).where(eq(links.slug, slug)).limit(1);
      return row ? toLink(row) : null;
    },

    async list(filter: LinkFilter) {
      const where: SQL[] = [];
      if (filter.campaign !== undefined) where.push(eq(links.campaign, filter.campaign));
      if (filter.network !== undefined) where.push(eq(links.network, filter.network));
      if (filter.beforeId !== undefined) where.push(lt(links.id, filter.beforeId));
      if (filter.q) {
        const term = likeTerm(filter.q);
        const match = (col: typeof links.slug | typeof links.title | typeof links.url | typeof links.campaign) =>
          sql`${col} LIKE ${term} ESCAPE '\\'`;
        where.push(or(match(links.slug), match(links.title), match(links.url), match(links.campaign))!);
      }
      const rows = await db
        .select()
        .from(links)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(links.id))
        .limit(filter.limit);
      return rows.map(toLink);
    },

    async update(id, changes: LinkChanges) {
      const { utm, ...rest } = changes;
      const values = utm === undefined ? rest : { ...rest, utm: JSON.stringify(utm) };
      const [row] = await db.update(links).set(values).where(eq(links.id, id)).returning();
      return row ? toLink(row) : null;
    },

    async remove(id) {
      const rows = await db.delete(links).where(eq(links.id, id)).returning({ id: links.id });
      return rows.length > 0;
    },

    async slugExists(slug) {
      const rows = await db.select({ id: links.id }).from(links).where(eq(links.slug, slug)).limit(1);
      return rows.length > 0;
    },

    async takenSlugs(slugs) {
      if (slugs.length === 0) return new Set();
      // One JSON parameter, not one per slug: D1 binds at most 100 parameters a statement.
      const rows = await db
        .select({ slug: links.slug })
        .from(links)
        .where(inJson(links.slug, JSON.stringify(slugs)));
      return new Set(rows.map((r) => r.slug));
    },

    async insertMany(list) {
      if (list.length === 0) return [];
      const slugs = JSON.stringify(list.map((l) => l.slug));
      const rows = JSON.stringify(
        list.map((l) => [
          l.slug, l.url, l.destination, l.title, l.campaign, l.network, JSON.stringify(l.utm), l.postedAt,
          l.createdAt, l.updatedAt, l.disabled ? 1 : 0, l.expiresAt, l.maxClicks,
        ]),
      );
      const at = (i: number) => sql.raw(`value ->> ${i}`);
      // One statement is atomic on every driver: it inserts every row or, if any slug is
      // taken (NOT EXISTS, read before the first row goes in), none.
      const inserted = await db.all<{ id: number }>(sql`
        INSERT INTO ${links} (slug, url, destination, title, campaign, network, utm, posted_at,
          created_at, updated_at, disabled, expires_at, max_clicks)
        SELECT ${at(0)}, ${at(1)}, ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)}, ${at(6)}, ${at(7)},
          ${at(8)}, ${at(9)}, ${at(10)}, ${at(11)}, ${at(12)}
        FROM json_each(${rows})
        WHERE NOT EXISTS (SELECT 1 FROM ${links} WHERE ${inJson(links.slug, slugs)})
        ORDER BY key
        RETURNING id`);
      if (inserted.length === 0) return null;
      const created = await db.select().from(links).where(inJson(links.slug, slugs)).orderBy(links.id);
      return created.map(toLink);
    },

    async campaigns() {
      const rows = await db
        .selectDistinct({ campaign: links.campaign })
        .from(links)
        .where(sql`${links.campaign} IS NOT NULL`)
        .orderBy(links.campaign);
      return rows.map((r) => r.campaign!);
    },
  };
}

