import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import {
  decompose, filtersClicks, CLICK_DIMENSIONS, DAY, QUARTER,
  type BotMode, type BucketCount, type ClickDimension, type DimensionCount, type LinkDimensionCount, type Grain, type LinkCount, type Span,
  type StatsLink, type StatsScope, type StatsStore,
} from '../domain/index.js';
import { COUNTER_GRAINS, cityValue } from './counters.js';
import type { Database } from './database.js';
import { narrowingScopes } from './narrowedScopes.js';
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

/** Whether a scope is whole campaigns and nothing else, which counter_campaigns answers. */
const onlyCampaigns = (s: StatsScope): boolean =>
  Boolean(s.campaigns) && !s.networks && !s.slugs && !s.linkIds && !filtersClicks(s);

const inSpan = (table: typeof T | typeof L | typeof P | typeof C, span: Span): SQL =>
  and(eq(table.grain, span.grain), gte(table.bucket, span.from), lt(table.bucket, span.to))!;

/**
 * Answers from counters only. Which table serves a span depends on the scope: all links and no
 * click filter → counter_totals; chosen links → counter_links (totals per quarter hour, hour
 * and day; values per day), or counter_campaigns for whole campaigns' values per day;
 * quarter-hour edges of value breakdowns, and any source/country/device filter → counter_profiles.
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

  const allLinks = (scope: StatsScope) => linkCondition(scope) === undefined;
  /** [from, to) cut into runs of the given grains, none coarser than `step`. */
  const spans = (from: number, to: number, grains: readonly Grain[], step: Grain = DAY) =>
    decompose(from, to, grains.filter((g) => g <= step));

  return narrowingScopes<StatsStore>({
    async timeline(scope, from, to, step) {
      const filtered = filtersClicks(scope);
      const everything = allLinks(scope) && !filtered;
      const grains: readonly Grain[] = filtered ? COUNTER_GRAINS.profiles : everything ? COUNTER_GRAINS.totals.all : COUNTER_GRAINS.links.all;
      const out: BucketCount[] = [];
      for (const span of spans(from, to, grains, step)) {
        const rows = filtered
          ? await db.select({ at: P.bucket, bot: P.bot, clicks: sum(P.clicks), uniques: sum(P.uniques) })
              .from(P).where(profileWhere(scope, span)).groupBy(P.bucket, P.bot)
          : everything
            ? await db.select({ at: T.bucket, bot: T.bot, clicks: T.clicks, uniques: T.uniques })
                .from(T).where(and(eq(T.dim, 'all'), inSpan(T, span)))
            : await db.select({ at: L.bucket, bot: L.bot, clicks: sum(L.clicks), uniques: sum(L.uniques) })
                .from(L).where(linksWhere(scope, span, eq(L.dim, 'all'))).groupBy(L.bucket, L.bot);
        out.push(...rows);
      }
      return out;
    },

    async dimensions(scope, from, to, bots) {
      const filtered = filtersClicks(scope);
      const everything = allLinks(scope) && !filtered;
      const grains: readonly Grain[] = filtered ? COUNTER_GRAINS.profiles : [QUARTER, ...(everything ? COUNTER_GRAINS.totals.dims : COUNTER_GRAINS.links.dims)];
      const out: DimensionCount[] = [];
      for (const span of spans(from, to, grains)) {
        if (filtered || span.grain === QUARTER) {
          out.push(...(await profileDimensions(scope, span, bots)));
          continue;
        }
        // Whole days: all posts, whole campaigns, or the chosen posts one by one.
        const wholeCampaigns = !everything && onlyCampaigns(scope);
        const table = everything ? T : wholeCampaigns ? C : L;
        const where = everything
          ? and(inArray(T.dim, [...CLICK_DIMENSIONS]), inSpan(T, span), inArray(T.bot, BOTS[bots]))
          : wholeCampaigns
            ? and(inArray(C.campaign, scope.campaigns!), inArray(C.dim, [...CLICK_DIMENSIONS]), inSpan(C, span), inArray(C.bot, BOTS[bots]))
            : linksWhere(scope, span, inArray(L.dim, [...CLICK_DIMENSIONS]), bots);
        const rows = await db.select({ dim: table.dim, value: table.value, clicks: sum(table.clicks), uniques: sum(table.uniques) })
          .from(table).where(where).groupBy(table.dim, table.value);
        for (const r of rows) out.push({ dim: r.dim as DimensionCount['dim'], value: orNull(r.value), clicks: r.clicks, uniques: r.uniques });
      }
      return out;
    },

    async linkDimensions(scope, from, to, bots, dims) {
      const filtered = filtersClicks(scope);
      const out: LinkDimensionCount[] = [];
      for (const span of spans(from, to, filtered ? COUNTER_GRAINS.profiles : [QUARTER, ...COUNTER_GRAINS.links.dims])) {
        if (filtered || span.grain === QUARTER) {
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
      const filtered = filtersClicks(scope);
      const perLink = new Map<number, LinkCount>();
      for (const span of spans(from, to, filtered ? COUNTER_GRAINS.profiles : COUNTER_GRAINS.links.all)) {
        // Sum per link first (one index seek per link), then look the links up: joining first
        // let SQLite scan every counter row.
        const counted = filtered
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
  });

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
