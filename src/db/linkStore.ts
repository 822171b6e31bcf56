import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import {
  slugTaken,
  type Link,
  type LinkChanges,
  type LinkFilter,
  type LinkMatch,
  type LinkStore,
  type NewLink,
  type Network,
  type Utm,
} from '../domain/index.js';
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
    preview: row.preview === null ? null : (parseJsonObject(row.preview) as Link['preview']),
  };
}

const previewColumn = (preview: Link['preview'] | undefined) => (preview ? JSON.stringify(preview) : null);

function parseJsonObject(text: string): object | null {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

const parseUtm = (text: string): Utm => (parseJsonObject(text) as Utm | null) ?? {};

/** `column IN` the values of a JSON array, bound as one parameter. */
const inJson = (column: typeof links.slug, json: string) => sql`${column} IN (SELECT value FROM json_each(${json}))`;

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
const likeTerm = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A campaign-limited key's forced condition: its campaigns only (never links without one). */
const withinCampaigns = (within: readonly string[]) => inArray(links.campaign, [...within]);

/** `extra`, and the key's campaign limit when there is one. */
const limited = (extra: SQL, within: readonly string[] | undefined) =>
  within ? and(extra, withinCampaigns(within))! : extra;

/** The conditions of a listing's filter, shared by list and count. */
function matchConditions(match: LinkMatch): SQL[] {
  const where: SQL[] = [];
  if (match.within) where.push(withinCampaigns(match.within));
  if (match.campaign !== undefined) where.push(eq(links.campaign, match.campaign));
  if (match.network !== undefined) where.push(eq(links.network, match.network));
  if (match.q) {
    const term = likeTerm(match.q);
    const like = (col: typeof links.slug | typeof links.title | typeof links.url | typeof links.campaign) =>
      sql`${col} LIKE ${term} ESCAPE '\\'`;
    where.push(or(like(links.slug), like(links.title), like(links.url), like(links.campaign))!);
  }
  return where;
}

export function createLinkStore(db: Database): LinkStore {
  return {
    async insert(link: NewLink) {
      // ON CONFLICT DO NOTHING instead of catching the driver's error: better-sqlite3 and
      // D1 word (and wrap) a UNIQUE failure differently; an empty RETURNING is the same on both.
      const [row] = await db
        .insert(links)
        .values({ ...link, utm: JSON.stringify(link.utm), preview: previewColumn(link.preview) })
        .onConflictDoNothing({ target: links.slug })
        .returning();
      if (!row) throw slugTaken(link.slug);
      return toLink(row);
    },

    async bySlug(slug, within) {
      const [row] = await db
        .select()
        .from(links)
        .where(limited(eq(links.slug, slug), within))
        .limit(1);
      return row ? toLink(row) : null;
    },

    async list(filter: LinkFilter) {
      const where = matchConditions(filter);
      if (filter.beforeId !== undefined) where.push(lt(links.id, filter.beforeId));
      const rows = await db
        .select()
        .from(links)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(links.id))
        .limit(filter.limit)
        .offset(filter.offset ?? 0);
      return rows.map(toLink);
    },

    async count(match: LinkMatch) {
      const where = matchConditions(match);
      const [row] = await db
        .select({ n: sql<number>`count(*)` })
        .from(links)
        .where(where.length ? and(...where) : undefined);
      return Number(row?.n ?? 0);
    },

    async update(id, changes: LinkChanges, within) {
      const { utm, preview, ...rest } = changes;
      const values = {
        ...rest,
        ...(utm === undefined ? {} : { utm: JSON.stringify(utm) }),
        ...(preview === undefined ? {} : { preview: previewColumn(preview) }),
      };
      const [row] = await db
        .update(links)
        .set(values)
        .where(limited(eq(links.id, id), within))
        .returning();
      return row ? toLink(row) : null;
    },

    async remove(id, within) {
      const rows = await db
        .delete(links)
        .where(limited(eq(links.id, id), within))
        .returning({ id: links.id });
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
          l.slug,
          l.url,
          l.destination,
          l.title,
          l.campaign,
          l.network,
          JSON.stringify(l.utm),
          l.postedAt,
          l.createdAt,
          l.updatedAt,
          l.disabled ? 1 : 0,
          l.expiresAt,
          l.maxClicks,
          previewColumn(l.preview),
        ]),
      );
      const at = (i: number) => sql.raw(`value ->> ${i}`);
      // One statement is atomic on every driver: it inserts every row or, if any slug is
      // taken (NOT EXISTS, read before the first row goes in), none.
      const inserted = await db.all<{ id: number }>(sql`
        INSERT INTO ${links} (slug, url, destination, title, campaign, network, utm, posted_at,
          created_at, updated_at, disabled, expires_at, max_clicks, preview)
        SELECT ${at(0)}, ${at(1)}, ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)}, ${at(6)}, ${at(7)},
          ${at(8)}, ${at(9)}, ${at(10)}, ${at(11)}, ${at(12)}, ${at(13)}
        FROM json_each(${rows})
        WHERE NOT EXISTS (SELECT 1 FROM ${links} WHERE ${inJson(links.slug, slugs)})
        ORDER BY key
        RETURNING id`);
      if (inserted.length === 0) return null;
      const created = await db.select().from(links).where(inJson(links.slug, slugs)).orderBy(links.id);
      return created.map(toLink);
    },

    async campaigns(within) {
      const rows = await db
        .selectDistinct({ campaign: links.campaign })
        .from(links)
        .where(limited(sql`${links.campaign} IS NOT NULL`, within))
        .orderBy(links.campaign);
      return rows.map((r) => r.campaign!);
    },
  };
}
