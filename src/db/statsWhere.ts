import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { CLICK_DIMENSIONS, type BotMode, type Span, type StatsScope } from '../domain/index.js';
import { qrValue } from './counterSpec.js';
import type { Database } from './database.js';
import { links } from './schema.js';
import {
  counterCampaigns as C,
  counterFilterLinks as FL,
  counterFilters as F,
  counterLinks as L,
  counterNetworks as N,
  counterProfiles as P,
  counterTotals as T,
} from './counterSchema.js';
import { oneFilterOnEveryLink, type CounterTable } from './counterTable.js';

/** The SQL pieces every stats query shares: bot modes, sums, and which rows a scope and span take. */
export const BOTS: Record<BotMode, boolean[]> = { exclude: [false], include: [false, true], only: [true] };
export const sum = (
  col:
    | typeof T.clicks
    | typeof T.uniques
    | typeof L.clicks
    | typeof L.uniques
    | typeof P.clicks
    | typeof P.uniques
    | typeof C.clicks
    | typeof C.uniques
    | typeof F.clicks
    | typeof F.uniques
    | typeof FL.clicks
    | typeof FL.uniques
    | typeof N.clicks
    | typeof N.uniques,
) => sql<number>`sum(${col})`.mapWith(Number);
export const orNull = (v: string) => (v === '' ? null : v);

/** The links a scope names; undefined when it names none (all links). */
export function linkCondition(scope: StatsScope): SQL | undefined {
  const where: SQL[] = [];
  if (scope.campaigns) where.push(inArray(links.campaign, scope.campaigns));
  if (scope.networks) where.push(inArray(links.network, scope.networks));
  if (scope.slugs) where.push(inArray(links.slug, scope.slugs));
  if (scope.linkIds) where.push(inArray(links.id, scope.linkIds));
  return where.length ? and(...where) : undefined;
}

export const inSpan = (
  table: typeof T | typeof L | typeof P | typeof C | typeof N | typeof F | typeof FL,
  span: Span,
): SQL => and(eq(table.grain, span.grain), gte(table.bucket, span.from), lt(table.bucket, span.to))!;

/** The scope's click filters on counter_profiles rows (source, country, device, QR); undefined when none. */
export function profileFilters(scope: StatsScope): SQL | undefined {
  const where: SQL[] = [];
  if (scope.sources) where.push(inArray(P.source, scope.sources));
  if (scope.countries) where.push(inArray(P.country, scope.countries));
  if (scope.devices) where.push(inArray(P.device, scope.devices));
  if (scope.qr !== undefined) where.push(eq(P.qr, qrValue(scope.qr)));
  return where.length ? and(...where) : undefined;
}

/** Profiles of the scope's links (every link when it names none, still one index seek per link). */
export function profileWhere(db: Database, scope: StatsScope, span: Span, bots?: BotMode): SQL {
  const where: SQL[] = [
    inArray(P.linkId, db.select({ id: links.id }).from(links).where(linkCondition(scope))),
    inSpan(P, span),
  ];
  if (bots) where.push(inArray(P.bot, BOTS[bots]));
  const filters = profileFilters(scope);
  if (filters) where.push(filters);
  return and(...where)!;
}
/** counter_links rows of the scope's links, of the given dims, in the span. */
export const linksWhere = (db: Database, scope: StatsScope, span: Span, dims: SQL, bots?: BotMode): SQL =>
  and(
    inArray(L.linkId, db.select({ id: links.id }).from(links).where(linkCondition(scope))),
    dims,
    inSpan(L, span),
    bots ? inArray(L.bot, BOTS[bots]) : undefined,
  )!;

type OneFilter = NonNullable<ReturnType<typeof oneFilterOnEveryLink>>;

/** counter_filters or counter_filter_links rows of one click filter's values, in the span. */
export const filterWhere = (t: typeof F | typeof FL, one: OneFilter, span: Span, bots?: BotMode): SQL =>
  and(
    eq(t.filter, one.filter),
    inArray(t.filterValue, one.values),
    inSpan(t, span),
    bots ? inArray(t.bot, BOTS[bots]) : undefined,
  )!;

/**
 * The table and rows that hold a span's values for `table` (as counterTableFor names it, not
 * profiles): every dimension, the scope's bots, and the campaigns, networks or filter it names.
 */
export function valuesWhere(
  db: Database,
  table: Exclude<CounterTable, 'profiles' | 'filterLinks'>,
  scope: StatsScope,
  span: Span,
  bots: BotMode,
): [typeof T | typeof L | typeof C | typeof N | typeof F, SQL] {
  const dims = (t: typeof T | typeof L | typeof C | typeof N | typeof F) => inArray(t.dim, [...CLICK_DIMENSIONS]);
  const rows = (t: typeof T | typeof C | typeof N | typeof F, ...more: SQL[]) =>
    and(dims(t), inSpan(t, span), inArray(t.bot, BOTS[bots]), ...more)!;
  switch (table) {
    case 'filters': {
      const one = oneFilterOnEveryLink(scope)!;
      return [F, rows(F, eq(F.filter, one.filter), inArray(F.filterValue, one.values))];
    }
    case 'totals':
      return [T, rows(T)];
    case 'campaigns':
      return [C, rows(C, inArray(C.campaign, scope.campaigns!))];
    case 'networks':
      return [N, rows(N, inArray(N.network, scope.networks!))];
    case 'links':
      return [L, linksWhere(db, scope, span, dims(L), bots)];
  }
}
