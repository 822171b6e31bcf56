import { sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Click } from '../domain/index.js';
import { campaignSourceRows, counterRows, type LinksRow } from './counters.js';
import { COUNTER_SPEC, type CounterName } from './counterSpec.js';
import type { BatchStatement, Database } from './database.js';
import { insertJsonRows, jsonParts, selectJson } from './jsonRows.js';
import { links } from './schema.js';
import {
  counterCampaigns,
  counterFilterLinks,
  counterFilters,
  counterLinks,
  counterProfiles,
  counterProgress,
  counterTotals,
} from './counterSchema.js';

const TABLES: Record<CounterName, SQLiteTable> = {
  totals: counterTotals,
  links: counterLinks,
  profiles: counterProfiles,
  filters: counterFilters,
  filterLinks: counterFilterLinks,
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

/**
 * The `extraStatements` hook of the click store: upserts that add a batch's clicks to the
 * counters, run in the same unit as the clicks. The rows are summed in memory first
 * (counterRows) and each table takes them all in one statement, as one JSON parameter, so a
 * batch costs a statement per counter table however many clicks and rows it holds.
 */
export function counterStatements(db: Database) {
  const upserts = <R extends Record<string, unknown>>(name: CounterName, rows: R[]): BatchStatement[] => {
    const table = TABLES[name];
    const t = table as unknown as Record<string, never> & { clicks: never; uniques: never };
    return insertJsonRows(db, table, rows).map((insert) =>
      insert.onConflictDoUpdate({
        target: conflictTarget(name),
        set: { clicks: sql`${t.clicks} + excluded.clicks`, uniques: sql`${t.uniques} + excluded.uniques` } as never,
      }),
    );
  };
  // The campaign is the post's, read in the same statement: the hook cannot wait for a query.
  const campaignUpserts = (rows: LinksRow[]): BatchStatement[] => {
    const source = campaignSourceRows(rows).map((r) => [
      r.linkId,
      r.dim,
      r.grain,
      r.bucket,
      r.bot ? 1 : 0,
      r.value,
      r.clicks,
      r.uniques,
    ]);
    return jsonParts(source).map((json) => {
      const c = counterCampaigns;
      return db
        .insert(c)
        .select(
          sql`SELECT l.campaign, v.dim, v.grain, v.bucket, v.bot, v.value, sum(v.clicks), sum(v.uniques)
          FROM (${selectJson(json, ['link_id', 'dim', 'grain', 'bucket', 'bot', 'value', 'clicks', 'uniques'])}) AS v
          JOIN ${links} AS l ON l.id = v.link_id
          WHERE l.campaign IS NOT NULL GROUP BY l.campaign, v.dim, v.grain, v.bucket, v.bot, v.value`,
        )
        .onConflictDoUpdate({
          target: conflictTarget('campaigns'),
          set: { clicks: sql`${c.clicks} + excluded.clicks`, uniques: sql`${c.uniques} + excluded.uniques` },
        });
    });
  };
  return (batch: Click[]): BatchStatement[] => {
    const rows = counterRows(batch);
    return [
      ...campaignUpserts(rows.links),
      ...upserts('totals', rows.totals),
      ...upserts('links', rows.links),
      ...upserts('profiles', rows.profiles),
      ...upserts('filters', rows.filters),
      ...upserts('filterLinks', rows.filterLinks),
      // Runs after the batch's click inserts, so the mark covers them.
      markAllCounted(db),
    ];
  };
}
