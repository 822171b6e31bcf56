import { and, eq, inArray } from 'drizzle-orm';
import {
  decompose,
  CLICK_DIMENSIONS,
  DAY,
  type BucketCount,
  type ClickDimension,
  type DimensionCount,
  type LinkDimensionCount,
  type Grain,
  type LinkCount,
  type StatsLink,
  type StatsStore,
} from '../domain/index.js';
import { profileDimensions, profileLinkDimensions } from './statsProfiles.js';
import {
  filterWhere,
  inSpan,
  linkCondition,
  linksWhere,
  orNull,
  profileWhere,
  sum,
  valuesWhere,
} from './statsWhere.js';
import { counterTableFor, grainsFor, oneFilterOnEveryLink } from './counterTable.js';
import type { Database } from './database.js';
import { narrowingScopes } from './narrowedScopes.js';
import { links } from './schema.js';
import {
  counterFilterLinks as FL,
  counterFilters as F,
  counterLinks as L,
  counterProfiles as P,
  counterTotals as T,
} from './counterSchema.js';

/**
 * Answers from counters only, never raw clicks. Each range is cut into spans of the grains the
 * counters keep, and counterTableFor (counterTable.ts) names the table that answers each span.
 */
export function createStatsStore(db: Database): StatsStore {
  const toLink = (r: {
    id: number;
    slug: string;
    title: string | null;
    campaign: string | null;
    network: string | null;
    postedAt: number | null;
    createdAt: number;
  }): StatsLink => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    campaign: r.campaign,
    network: r.network,
    postedAt: r.postedAt ?? r.createdAt,
  });
  const linkColumns = {
    id: links.id,
    slug: links.slug,
    title: links.title,
    campaign: links.campaign,
    network: links.network,
    postedAt: links.postedAt,
    createdAt: links.createdAt,
  };

  /** [from, to) cut into runs of the given grains, none coarser than `step`. */
  const spans = (from: number, to: number, grains: readonly Grain[], step: Grain = DAY) =>
    decompose(
      from,
      to,
      grains.filter((g) => g <= step),
    );

  return narrowingScopes<StatsStore>({
    async timeline(scope, from, to, step) {
      const read = { of: 'counts', perLink: false } as const;
      const out: BucketCount[] = [];
      for (const span of spans(from, to, grainsFor(scope, read), step)) {
        switch (counterTableFor(scope, read, span.grain)) {
          case 'profiles':
            out.push(
              ...(await db
                .select({ at: P.bucket, bot: P.bot, clicks: sum(P.clicks), uniques: sum(P.uniques) })
                .from(P)
                .where(profileWhere(db, scope, span))
                .groupBy(P.bucket, P.bot)),
            );
            break;
          case 'filters':
            out.push(
              ...(await db
                .select({ at: F.bucket, bot: F.bot, clicks: sum(F.clicks), uniques: sum(F.uniques) })
                .from(F)
                .where(and(eq(F.dim, 'all'), filterWhere(F, oneFilterOnEveryLink(scope)!, span)))
                .groupBy(F.bucket, F.bot)),
            );
            break;
          case 'totals':
            out.push(
              ...(await db
                .select({ at: T.bucket, bot: T.bot, clicks: T.clicks, uniques: T.uniques })
                .from(T)
                .where(and(eq(T.dim, 'all'), inSpan(T, span)))),
            );
            break;
          default:
            out.push(
              ...(await db
                .select({ at: L.bucket, bot: L.bot, clicks: sum(L.clicks), uniques: sum(L.uniques) })
                .from(L)
                .where(linksWhere(db, scope, span, eq(L.dim, 'all')))
                .groupBy(L.bucket, L.bot)),
            );
        }
      }
      return out;
    },

    async dimensions(scope, from, to, bots) {
      const read = { of: 'values', perLink: false } as const;
      const out: DimensionCount[] = [];
      for (const span of spans(from, to, grainsFor(scope, read))) {
        const table = counterTableFor(scope, read, span.grain);
        // Never filterLinks: that table keeps no values (counterTableFor).
        if (table === 'profiles' || table === 'filterLinks') {
          out.push(...(await profileDimensions(db, scope, span, bots)));
          continue;
        }
        const [t, where] = valuesWhere(db, table, scope, span, bots);
        const rows = await db
          .select({ dim: t.dim, value: t.value, clicks: sum(t.clicks), uniques: sum(t.uniques) })
          .from(t)
          .where(where)
          .groupBy(t.dim, t.value);
        for (const r of rows)
          out.push({
            dim: r.dim as DimensionCount['dim'],
            value: orNull(r.value),
            clicks: r.clicks,
            uniques: r.uniques,
          });
      }
      return out;
    },

    async linkDimensions(scope, from, to, bots, dims) {
      const read = { of: 'values', perLink: true } as const;
      const out: LinkDimensionCount[] = [];
      for (const span of spans(from, to, grainsFor(scope, read))) {
        if (counterTableFor(scope, read, span.grain) === 'profiles') {
          out.push(...(await profileLinkDimensions(db, scope, span, bots, dims)));
          continue;
        }
        const rows = await db
          .select({ linkId: L.linkId, dim: L.dim, value: L.value, clicks: sum(L.clicks), uniques: sum(L.uniques) })
          .from(L)
          .where(linksWhere(db, scope, span, inArray(L.dim, [...dims]), bots))
          .groupBy(L.linkId, L.dim, L.value);
        for (const r of rows)
          out.push({
            linkId: r.linkId,
            dim: r.dim as ClickDimension,
            value: orNull(r.value),
            clicks: r.clicks,
            uniques: r.uniques,
          });
      }
      return out;
    },

    async links(scope, from, to, bots) {
      const read = { of: 'counts', perLink: true } as const;
      const perLink = new Map<number, LinkCount>();
      for (const span of spans(from, to, grainsFor(scope, read))) {
        // Sum per link first (one index seek per link), then look the links up: joining first
        // let SQLite scan every counter row.
        const table = counterTableFor(scope, read, span.grain);
        const counted =
          table === 'filterLinks'
            ? db
                .select({
                  linkId: FL.linkId,
                  clicks: sum(FL.clicks).as('clicks'),
                  uniques: sum(FL.uniques).as('uniques'),
                })
                .from(FL)
                // Every link's id, so SQLite seeks per link (the key starts with it) instead of scanning.
                .where(
                  and(
                    inArray(FL.linkId, db.select({ id: links.id }).from(links)),
                    filterWhere(FL, oneFilterOnEveryLink(scope)!, span, bots),
                  ),
                )
                .groupBy(FL.linkId)
                .as('counted')
            : table === 'profiles'
              ? db
                  .select({
                    linkId: P.linkId,
                    clicks: sum(P.clicks).as('clicks'),
                    uniques: sum(P.uniques).as('uniques'),
                  })
                  .from(P)
                  .where(profileWhere(db, scope, span, bots))
                  .groupBy(P.linkId)
                  .as('counted')
              : db
                  .select({
                    linkId: L.linkId,
                    clicks: sum(L.clicks).as('clicks'),
                    uniques: sum(L.uniques).as('uniques'),
                  })
                  .from(L)
                  .where(linksWhere(db, scope, span, eq(L.dim, 'all'), bots))
                  .groupBy(L.linkId)
                  .as('counted');
        const rows = await db
          .select({ ...linkColumns, clicks: counted.clicks, uniques: counted.uniques })
          .from(counted)
          .innerJoin(links, eq(links.id, counted.linkId));
        for (const r of rows) {
          const acc = perLink.get(r.id);
          if (acc) {
            acc.clicks += r.clicks;
            acc.uniques += r.uniques;
          } else perLink.set(r.id, { link: toLink(r), clicks: r.clicks, uniques: r.uniques });
        }
      }
      return [...perLink.values()].filter((l) => l.clicks > 0);
    },

    async linksIn(scope) {
      const rows = await db.select(linkColumns).from(links).where(linkCondition(scope)).orderBy(links.id);
      return rows.map(toLink);
    },
  });
}
