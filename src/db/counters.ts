import { sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { bucketStart, DAY, HOUR, QUARTER, type Click, type Grain } from '../domain/index.js';
import type { BatchStatement, Database } from './database.js';
import { counterCampaigns, counterLinks, counterProfiles, counterProgress, counterTotals, links } from './schema.js';

/** Dimensions kept per click in counter_totals and counter_links ('all' is the plain count). */
export const COUNTED_DIMENSIONS = ['source', 'referrer', 'country', 'city', 'device', 'os', 'browser'] as const;
export type CountedDimension = (typeof COUNTED_DIMENSIONS)[number];

/** Which grains each table keeps, for the 'all' count and for the other dimensions. */
export const COUNTER_GRAINS = {
  totals: { all: [QUARTER, HOUR, DAY], dims: [HOUR, DAY] },
  links: { all: [QUARTER, HOUR, DAY], dims: [DAY] },
  profiles: [QUARTER, DAY],
} as const;

/** A city is only a place together with its country: "FR|Paris"; unknown is ''. */
export const cityValue = (country: string | null, city: string | null): string => (city ? `${country ?? ''}|${city}` : '');

export type TotalsRow = typeof counterTotals.$inferInsert;
export type LinksRow = typeof counterLinks.$inferInsert;
export type ProfilesRow = typeof counterProfiles.$inferInsert;
export type CampaignsRow = typeof counterCampaigns.$inferInsert;

export interface CounterRows {
  totals: TotalsRow[];
  links: LinksRow[];
  profiles: ProfilesRow[];
}

type Counted = { grain: number; bucket: number; clicks: number; uniques: number };

/** What counting reads of a click. */
export type CountedClick = Pick<
  Click,
  'linkId' | 'clickedAt' | 'bot' | 'firstOfDay' | 'source' | 'country' | 'device' | 'referrerHost' | 'city' | 'os' | 'browser'
>;

/** Adds `clicks` and `uniques` to the row under `key`, creating it from `make` the first time. */
function bump<R extends Counted>(rows: Map<string, R>, key: string, clicks: number, uniques: number, make: () => R) {
  const row = rows.get(key);
  if (row) {
    row.clicks += clicks;
    row.uniques += uniques;
  } else rows.set(key, make());
}

/** Sums rows of a finer grain into `grain` buckets: each click is keyed once, coarser rows come from rows. */
function rollUp<R extends Counted>(rows: Iterable<R>, grain: Grain, into: Map<string, R>, keyOf: (r: R, bucket: number) => string) {
  for (const r of [...rows]) {
    const bucket = bucketStart(r.bucket, grain);
    bump(into, `${grain}\t${keyOf(r, bucket)}`, r.clicks, r.uniques, () => ({ ...r, grain, bucket }));
  }
}

/**
 * The counter rows a batch of clicks adds, summed per key. Pure, so tests can check it alone.
 * Clicks are first summed into quarter-hour profiles (one key per click); every other row is
 * derived from those sums, so the per-click cost is one Map lookup, not one per counter row.
 */
export function counterRows(batch: readonly CountedClick[]): CounterRows {
  const quarters = new Map<string, ProfilesRow>();
  for (const c of batch) {
    const bot = c.bot;
    const u = c.firstOfDay && !bot ? 1 : 0;
    const quarter = bucketStart(c.clickedAt, QUARTER);
    const source = c.source, country = c.country ?? '', device = c.device, referrer = c.referrerHost ?? '';
    const city = c.city ?? '', os = c.os ?? '', browser = c.browser ?? '';
    const key = `${c.linkId}\t${quarter}\t${+bot}\t${source}\t${country}\t${device}\t${referrer}\t${city}\t${os}\t${browser}`;
    const row = quarters.get(key);
    if (row) {
      row.clicks += 1;
      row.uniques += u;
    } else {
      quarters.set(key, {
        linkId: c.linkId, grain: QUARTER, bucket: quarter, bot, source, country, device, referrer, city, os, browser, clicks: 1, uniques: u,
      });
    }
  }

  const totalsAll = new Map<string, TotalsRow>();
  const totalsDims = new Map<string, TotalsRow>();
  const linksAll = new Map<string, LinksRow>();
  const linksDims = new Map<string, LinksRow>();
  const values = {} as Record<CountedDimension, string>;
  for (const p of quarters.values()) {
    const { linkId, bot, clicks, uniques: u } = p;
    const b = bot ? 1 : 0;
    const quarter = p.bucket;
    const hour = bucketStart(quarter, HOUR);
    const day = bucketStart(quarter, DAY);
    values.source = p.source;
    values.referrer = p.referrer;
    values.country = p.country;
    values.city = cityValue(p.country, p.city || null);
    values.device = p.device;
    values.os = p.os;
    values.browser = p.browser;
    bump(totalsAll, `${quarter}\t${b}`, clicks, u, () => ({ dim: 'all', grain: QUARTER, bucket: quarter, bot, value: '', clicks, uniques: u }));
    bump(linksAll, `${linkId}\t${quarter}\t${b}`, clicks, u, () => ({ linkId, dim: 'all', grain: QUARTER, bucket: quarter, bot, value: '', clicks, uniques: u }));
    for (const dim of COUNTED_DIMENSIONS) {
      const value = values[dim];
      bump(totalsDims, `${dim}\t${hour}\t${b}\t${value}`, clicks, u, () => ({ dim, grain: HOUR, bucket: hour, bot, value, clicks, uniques: u }));
      bump(linksDims, `${linkId}\t${dim}\t${day}\t${b}\t${value}`, clicks, u, () => ({ linkId, dim, grain: DAY, bucket: day, bot, value, clicks, uniques: u }));
    }
  }
  // Coarser grains from the rows just summed (COUNTER_GRAINS lists what each table keeps).
  const profiles = new Map<string, ProfilesRow>();
  for (const p of quarters.values()) profiles.set(`${QUARTER}\t${profiles.size}`, p);
  rollUp(quarters.values(), DAY, profiles, (r, bucket) =>
    `${r.linkId}\t${bucket}\t${+r.bot}\t${r.source}\t${r.country}\t${r.device}\t${r.referrer}\t${r.city}\t${r.os}\t${r.browser}`);
  rollUp(totalsAll.values(), HOUR, totalsAll, (r, bucket) => `${bucket}\t${+r.bot}`);
  rollUp([...totalsAll.values()].filter((r) => r.grain === QUARTER), DAY, totalsAll, (r, bucket) => `${bucket}\t${+r.bot}`);
  rollUp(totalsDims.values(), DAY, totalsDims, (r, bucket) => `${r.dim}\t${bucket}\t${+r.bot}\t${r.value}`);
  rollUp(linksAll.values(), HOUR, linksAll, (r, bucket) => `${r.linkId}\t${bucket}\t${+r.bot}`);
  rollUp([...linksAll.values()].filter((r) => r.grain === QUARTER), DAY, linksAll, (r, bucket) => `${r.linkId}\t${bucket}\t${+r.bot}`);
  return {
    totals: [...totalsAll.values(), ...totalsDims.values()],
    links: [...linksAll.values(), ...linksDims.values()],
    profiles: [...profiles.values()],
  };
}

/** The per-post daily value rows that also count for the post's campaign. */
export const campaignSourceRows = (links: LinksRow[]): LinksRow[] => links.filter((r) => r.dim !== 'all' && r.grain === DAY);

/** A batch's counter_campaigns rows: its per-post daily value rows summed by each post's campaign. */
export function campaignRows(links: LinksRow[], campaignOf: (linkId: number) => string | null): CampaignsRow[] {
  const rows = new Map<string, CampaignsRow>();
  for (const r of campaignSourceRows(links)) {
    const campaign = campaignOf(r.linkId);
    if (campaign === null) continue;
    bump(rows, `${campaign}\t${r.dim}\t${r.bucket}\t${+r.bot}\t${r.value}`, r.clicks, r.uniques, () => ({
      campaign, dim: r.dim, grain: r.grain, bucket: r.bucket, bot: r.bot, value: r.value, clicks: r.clicks, uniques: r.uniques,
    }));
  }
  return [...rows.values()];
}

/**
 * Marks every click stored so far as counted (see counterProgress): right for D1, which counts
 * each batch with its clicks, and for a rebuild. Not for a Node file a server is writing, whose
 * newest clicks may wait to be counted: there use createSqliteCounterStore (src/node/clicks/count.ts).
 */
export const markAllCounted = (db: Database): BatchStatement =>
  db
    .insert(counterProgress)
    // WHERE true: SQLite needs it to read ON CONFLICT after INSERT … SELECT.
    .select(sql`SELECT 1, coalesce(max(id), 0) FROM clicks WHERE true`)
    .onConflictDoUpdate({ target: counterProgress.id, set: { throughClickId: sql`excluded.through_click_id` } });

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface CounterStatementOptions {
  /** Bound parameters one statement may carry: D1 allows 100, SQLite 32,766. */
  maxParams: number;
}

/**
 * The `extraStatements` hook of the click store: upserts that add a batch's clicks to the
 * counters, chunked to the driver's parameter limit, run in the same unit as the clicks.
 */
export function counterStatements(db: Database, { maxParams }: CounterStatementOptions) {
  const upserts = <R extends Record<string, unknown>>(table: SQLiteTable, rows: R[], target: string[]): BatchStatement[] => {
    if (rows.length === 0) return [];
    const perStatement = Math.max(1, Math.floor(maxParams / Object.keys(rows[0]!).length));
    const t = table as unknown as Record<string, never> & { clicks: never; uniques: never };
    return chunk(rows, perStatement).map((part) =>
      db
        .insert(table)
        .values(part as never)
        .onConflictDoUpdate({
          target: target.map((k) => t[k]!),
          set: { clicks: sql`${t.clicks} + excluded.clicks`, uniques: sql`${t.uniques} + excluded.uniques` } as never,
        }),
    );
  };
  // The campaign is the post's, read in the same statement: the hook cannot wait for a query.
  const campaignUpserts = (rows: LinksRow[]): BatchStatement[] =>
    chunk(campaignSourceRows(rows), Math.max(1, Math.floor(maxParams / 8))).map((part) => {
      const values = sql.join(part.map((r) => sql`(${r.linkId}, ${r.dim}, ${r.grain}, ${r.bucket}, ${r.bot ? 1 : 0}, ${r.value}, ${r.clicks}, ${r.uniques})`), sql`, `);
      const c = counterCampaigns;
      return db
        .insert(c)
        .select(sql`SELECT l.campaign, v.column2, v.column3, v.column4, v.column5, v.column6, sum(v.column7), sum(v.column8)
          FROM (VALUES ${values}) AS v JOIN ${links} AS l ON l.id = v.column1
          WHERE l.campaign IS NOT NULL GROUP BY l.campaign, v.column2, v.column3, v.column4, v.column5, v.column6`)
        .onConflictDoUpdate({
          target: [c.campaign, c.dim, c.grain, c.bucket, c.bot, c.value],
          set: { clicks: sql`${c.clicks} + excluded.clicks`, uniques: sql`${c.uniques} + excluded.uniques` },
        });
    });
  return (batch: Click[]): BatchStatement[] => {
    const rows = counterRows(batch);
    return [
      ...campaignUpserts(rows.links),
      ...upserts(counterTotals, rows.totals, ['dim', 'grain', 'bucket', 'bot', 'value']),
      ...upserts(counterLinks, rows.links, ['linkId', 'dim', 'grain', 'bucket', 'bot', 'value']),
      ...upserts(counterProfiles, rows.profiles, [
        'linkId', 'grain', 'bucket', 'bot', 'source', 'country', 'device', 'referrer', 'city', 'os', 'browser',
      ]),
      // Runs after the batch's click inserts, so the mark covers them.
      markAllCounted(db),
    ];
  };
}
