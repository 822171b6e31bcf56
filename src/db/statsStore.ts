import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import {
  decompose, CLICK_DIMENSIONS, DAY,
  type BotMode, type BucketCount, type ClickDimension, type DimensionCount, type LinkDimensionCount, type Grain, type LinkCount, type Span,
  type StatsLink, type StatsScope, type StatsStore,
} from '../domain/index.js';
import { cityValue } from './counters.js';
import { counterTableFor, grainsFor } from './counterTable.js';
import type { Database } from './database.js';
import { counterCampaigns as C, counterLinks as L, counterProfiles as P, counterTotals as T, links } from './schema.js';

const BOTS: Record<BotMode, boolean[]> = { exclude: [false], include: [false, true], only: [true] };
const sum = (col: typeof T.clicks | typeof T.uniques | typeof L.clicks | typeof L.uniques | typeof P.clicks | typeof P.uniques | typeof C.clicks | typeof C.uniques) =>
  sql<number>`sum(${col})`.mapWith(Number);
const orNull = (v: string) => (v === '' ? null : v);

/** The links a scope names; undefined when it names none (all links). */
function linkCondition(scope: StatsScope): SQL | undefined {
  const where: SQL[] = [];
  if (scope.campaigns) where.push(inArray(links.campaign, scope.campaigns));
  if (scope.networks) where.push(inArray(links.network, scope.networks));
  if (scope.slugs) where.push(inArray(links.slug, scope.slugs));
  if (scope.linkIds) where.push(inArray(links.id, scope.linkIds));
  return where.length ? and(...where) : undefined;
}

const inSpan = (table: typeof T | typeof L | typeof P | typeof C, span: Span): SQL =>
  and(eq(table.grain, span.grain), gte(table.bucket, span.from), lt(table.bucket, span.to))!;

/**
 * Answers from counters only, never raw clicks. Each range is cut into spans of the grains the
 * counters keep, and counterTableFor (counterTable.ts) names the table that answers each span.
 */
export function createStatsStore(db: Database): StatsStore {
  const toLink = (r: { id: number; slug: string; title: string | null; campaign: string | null; network: string | null; postedAt: number | null; createdAt: number }): StatsLink => ({
    id: r.id, slug: r.slug, title: r.title, campaign: r.campaign, network: r.network, postedAt: r.postedAt ?? r.createdAt,
  });
  const linkColumns = {
    id: links.id, slug: links.slug, title: links.title, campaign: links.campaign, network: links.network,
    postedAt: links.postedAt, createdAt: links.createdAt,
  };

  /** Profiles of the scope's links (every link when it names none, still one index seek per link). */
  function profileWhere(scope: StatsScope, span: Span, bots?: BotMode): SQL {
    const where: SQL[] = [
      inArray(P.linkId, db.select({ id: links.id }).from(links).where(linkCondition(scope))),
      inSpan(P, span),
    ];
    if (bots) where.push(inArray(P.bot, BOTS[bots]));
    if (scope.sources) where.push(inArray(P.source, scope.sources));
    if (scope.countries) where.push(inArray(P.country, scope.countries));
    if (scope.devices) where.push(inArray(P.device, scope.devices));
    return and(...where)!;
  }
  const linksWhere = (scope: StatsScope, span: Span, dims: SQL, bots?: BotMode): SQL =>
    and(
      inArray(L.linkId, db.select({ id: links.id }).from(links).where(linkCondition(scope))),
      dims,
      inSpan(L, span),
      bots ? inArray(L.bot, BOTS[bots]) : undefined,
    )!;

  /** [from, to) cut into runs of the given grains, none coarser than `step`. */
  const spans = (from: number, to: number, grains: readonly Grain[], step: Grain = DAY) =>
    decompose(from, to, grains.filter((g) => g <= step));

  return {
    async timeline(scope, from, to, step) {
      const read = { of: 'counts', perLink: false } as const;
      const out: BucketCount[] = [];
      for (const span of spans(from, to, grainsFor(scope, read), step)) {
        switch (counterTableFor(scope, read, span.grain)) {
          case 'profiles':
            out.push(...await db.select({ at: P.bucket, bot: P.bot, clicks: sum(P.clicks), uniques: sum(P.uniques) })
              .from(P).where(profileWhere(scope, span)).groupBy(P.bucket, P.bot));
            break;
          case 'totals':
            out.push(...await db.select({ at: T.bucket, bot: T.bot, clicks: T.clicks, uniques: T.uniques })
              .from(T).where(and(eq(T.dim, 'all'), inSpan(T, span))));
            break;
          default:
            out.push(...await db.select({ at: L.bucket, bot: L.bot, clicks: sum(L.clicks), uniques: sum(L.uniques) })
              .from(L).where(linksWhere(scope, span, eq(L.dim, 'all'))).groupBy(L.bucket, L.bot));
        }
      }
      return out;
    },

    async dimensions(scope, from, to, bots) {
      const read = { of: 'values', perLink: false } as const;
      const out: DimensionCount[] = [];
      for (const span of spans(from, to, grainsFor(scope, read))) {
        const table = counterTableFor(scope, read, span.grain);
        if (table === 'profiles') {
          out.push(...(await profileDimensions(scope, span, bots)));
          continue;
        }
        const t = table === 'totals' ? T : table === 'campaigns' ? C : L;
        const where = table === 'totals'
          ? and(inArray(T.dim, [...CLICK_DIMENSIONS]), inSpan(T, span), inArray(T.bot, BOTS[bots]))
          : table === 'campaigns'
            ? and(inArray(C.campaign, scope.campaigns!), inArray(C.dim, [...CLICK_DIMENSIONS]), inSpan(C, span), inArray(C.bot, BOTS[bots]))
            : linksWhere(scope, span, inArray(L.dim, [...CLICK_DIMENSIONS]), bots);
        const rows = await db.select({ dim: t.dim, value: t.value, clicks: sum(t.clicks), uniques: sum(t.uniques) })
          .from(t).where(where).groupBy(t.dim, t.value);
        for (const r of rows) out.push({ dim: r.dim as DimensionCount['dim'], value: orNull(r.value), clicks: r.clicks, uniques: r.uniques });
      }
      return out;
    },

    async linkDimensions(scope, from, to, bots, dims) {
      const read = { of: 'values', perLink: true } as const;
      const out: LinkDimensionCount[] = [];
      for (const span of spans(from, to, grainsFor(scope, read))) {
        if (counterTableFor(scope, read, span.grain) === 'profiles') {
          out.push(...(await profileLinkDimensions(scope, span, bots, dims)));
          continue;
        }
        const rows = await db.select({ linkId: L.linkId, dim: L.dim, value: L.value, clicks: sum(L.clicks), uniques: sum(L.uniques) })
          .from(L).where(linksWhere(scope, span, inArray(L.dim, [...dims]), bots)).groupBy(L.linkId, L.dim, L.value);
        for (const r of rows) out.push({ linkId: r.linkId, dim: r.dim as ClickDimension, value: orNull(r.value), clicks: r.clicks, uniques: r.uniques });
      }
      return out;
    },

    async links(scope, from, to, bots) {
      const read = { of: 'counts', perLink: true } as const;
      const perLink = new Map<number, LinkCount>();
      for (const span of spans(from, to, grainsFor(scope, read))) {
        // Sum per link first (one index seek per link), then look the links up: joining first
        // let SQLite scan every counter row.
        const counted = counterTableFor(scope, read, span.grain) === 'profiles'
          ? db.select({ linkId: P.linkId, clicks: sum(P.clicks).as('clicks'), uniques: sum(P.uniques).as('uniques') })
              .from(P).where(profileWhere(scope, span, bots)).groupBy(P.linkId).as('counted')
          : db.select({ linkId: L.linkId, clicks: sum(L.clicks).as('clicks'), uniques: sum(L.uniques).as('uniques') })
              .from(L).where(linksWhere(scope, span, eq(L.dim, 'all'), bots)).groupBy(L.linkId).as('counted');
        const rows = await db.select({ ...linkColumns, clicks: counted.clicks, uniques: counted.uniques })
          .from(counted).innerJoin(links, eq(links.id, counted.linkId));
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
  };

  /** Per link and value of the given dimensions, from the span's click profiles. */
  async function profileLinkDimensions(scope: StatsScope, span: Span, bots: BotMode, dims: readonly ClickDimension[]): Promise<LinkDimensionCount[]> {
    // A city's value carries its country, so asking for cities groups by country too.
    const columns = [...new Set(dims.flatMap((d) => (d === 'city' ? ['country', 'city'] as const : [d])))];
    const picked = Object.fromEntries(columns.map((c) => [c, P[c]])) as Partial<Record<ClickDimension, typeof P.source>>;
    const rows = await db
      .select({ linkId: P.linkId, ...picked, clicks: sum(P.clicks), uniques: sum(P.uniques) })
      .from(P)
      .where(profileWhere(scope, span, bots))
      .groupBy(P.linkId, ...columns.map((c) => P[c]));
    const out: LinkDimensionCount[] = [];
    for (const r of rows as Array<{ linkId: number; clicks: number; uniques: number } & Partial<Record<ClickDimension, string>>>) {
      for (const dim of dims) {
        const value = dim === 'city' ? cityValue(r.country || null, r.city || null) : (r[dim] ?? '');
        out.push({ linkId: r.linkId, dim, value: orNull(value), clicks: r.clicks, uniques: r.uniques });
      }
    }
    return out;
  }

  /** One row per click profile in the span, fanned out into every dimension. */
  async function profileDimensions(scope: StatsScope, span: Span, bots: BotMode): Promise<DimensionCount[]> {
    const rows = await db
      .select({
        source: P.source, referrer: P.referrer, country: P.country, city: P.city, device: P.device, os: P.os, browser: P.browser,
        clicks: sum(P.clicks), uniques: sum(P.uniques),
      })
      .from(P)
      .where(profileWhere(scope, span, bots))
      .groupBy(P.source, P.referrer, P.country, P.city, P.device, P.os, P.browser);
    const out: DimensionCount[] = [];
    for (const r of rows) {
      const values = { ...r, city: cityValue(r.country || null, r.city || null) };
      for (const dim of CLICK_DIMENSIONS) out.push({ dim, value: orNull(values[dim]), clicks: r.clicks, uniques: r.uniques });
    }
    return out;
  }
}
