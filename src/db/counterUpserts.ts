import { sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Click } from '../domain/index.js';
import { campaignSourceRows, counterRows, type LinksRow } from './counters.js';
import { COUNTER_SPEC, type CounterName } from './counterSpec.js';
import type { BatchStatement, Database } from './database.js';
import { links } from './schema.js';
import { counterCampaigns, counterLinks, counterProfiles, counterProgress, counterTotals } from './counterSchema.js';

const TABLES: Record<CounterName, SQLiteTable> = {
  totals: counterTotals,
  links: counterLinks,
  profiles: counterProfiles,
  campaigns: counterCampaigns,
};

/** A counter table's key columns as drizzle columns, from the spec: the upserts' conflict target. */
function conflictTarget(name: CounterName) {
  const table = TABLES[name] as unknown as Record<string, never>;
  return COUNTER_SPEC[name].keys.map((k) => table[k]!);
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
  const upserts = <R extends Record<string, unknown>>(name: CounterName, rows: R[]): BatchStatement[] => {
    if (rows.length === 0) return [];
    const table = TABLES[name];
    const perStatement = Math.max(1, Math.floor(maxParams / Object.keys(rows[0]!).length));
    const t = table as unknown as Record<string, never> & { clicks: never; uniques: never };
    return chunk(rows, perStatement).map((part) =>
      db
        .insert(table)
        .values(part as never)
        .onConflictDoUpdate({
          target: conflictTarget(name),
          set: { clicks: sql`${t.clicks} + excluded.clicks`, uniques: sql`${t.uniques} + excluded.uniques` } as never,
        }),
    );
  };
  // The campaign is the post's, read in the same statement: the hook cannot wait for a query.
  const campaignUpserts = (rows: LinksRow[]): BatchStatement[] =>
    chunk(campaignSourceRows(rows), Math.max(1, Math.floor(maxParams / 8))).map((part) => {
      const values = sql.join(
        part.map(
          (r) =>
            sql`(${r.linkId}, ${r.dim}, ${r.grain}, ${r.bucket}, ${r.bot ? 1 : 0}, ${r.value}, ${r.clicks}, ${r.uniques})`,
        ),
        sql`, `,
      );
      const c = counterCampaigns;
      return db
        .insert(c)
        .select(
          sql`SELECT l.campaign, v.column2, v.column3, v.column4, v.column5, v.column6, sum(v.column7), sum(v.column8)
          FROM (VALUES ${values}) AS v JOIN ${links} AS l ON l.id = v.column1
          WHERE l.campaign IS NOT NULL GROUP BY l.campaign, v.column2, v.column3, v.column4, v.column5, v.column6`,
        )
        .onConflictDoUpdate({
          target: conflictTarget('campaigns'),
          set: { clicks: sql`${c.clicks} + excluded.clicks`, uniques: sql`${c.uniques} + excluded.uniques` },
        });
    });
  return (batch: Click[]): BatchStatement[] => {
    const rows = counterRows(batch);
    return [
      ...campaignUpserts(rows.links),
      ...upserts('totals', rows.totals),
      ...upserts('links', rows.links),
      ...upserts('profiles', rows.profiles),
      // Runs after the batch's click inserts, so the mark covers them.
      markAllCounted(db),
    ];
  };
}
