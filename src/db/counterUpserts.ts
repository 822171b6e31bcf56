import { sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Click } from '../domain/index.js';
import { counterRows, type LinksRow } from './counters.js';
import { COUNTER_SPEC, ORED_COLUMNS, columnOf, type CounterName } from './counterSpec.js';
import type { BatchStatement, Database } from './database.js';
import { GROUP_COLUMN, GROUP_COUNTERS, groupSourceRows, type GroupCounter } from './groupCounters.js';
import { insertJsonRows, jsonParts, selectJson } from './jsonRows.js';
import { links } from './schema.js';
import {
  counterCampaigns,
  counterFilterLinks,
  counterFilters,
  counterLinks,
  counterNetworks,
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
  networks: counterNetworks,
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
    const ored = Object.fromEntries(
      (ORED_COLUMNS[name] ?? []).map((c) => [c, sql`${t[c]} | ${sql.raw(`excluded.${columnOf(c)}`)}`]),
    );
    return insertJsonRows(db, table, rows).map((insert) =>
      insert.onConflictDoUpdate({
        target: conflictTarget(name),
        set: {
          clicks: sql`${t.clicks} + excluded.clicks`,
          uniques: sql`${t.uniques} + excluded.uniques`,
          ...ored,
        } as never,
      }),
    );
  };
  // The campaign or network is the post's, read in the same statement: the hook cannot wait for a query.
  const groupUpserts = (name: GroupCounter, rows: LinksRow[]): BatchStatement[] => {
    const source = groupSourceRows(rows).map((r) => [
      r.linkId,
      r.dim,
      r.grain,
      r.bucket,
      r.bot ? 1 : 0,
      r.value,
      r.clicks,
      r.uniques,
    ]);
    const table = TABLES[name];
    const t = table as unknown as Record<string, never> & { clicks: never; uniques: never };
    const group = sql.raw(`l.${GROUP_COLUMN[name]}`);
    return jsonParts(source).map((json) =>
      db
        .insert(table)
        .select(
          sql`SELECT ${group}, v.dim, v.grain, v.bucket, v.bot, v.value, sum(v.clicks), sum(v.uniques)
          FROM (${selectJson(json, ['link_id', 'dim', 'grain', 'bucket', 'bot', 'value', 'clicks', 'uniques'])}) AS v
          JOIN ${links} AS l ON l.id = v.link_id
          WHERE ${group} IS NOT NULL GROUP BY ${group}, v.dim, v.grain, v.bucket, v.bot, v.value`,
        )
        .onConflictDoUpdate({
          target: conflictTarget(name),
          set: { clicks: sql`${t.clicks} + excluded.clicks`, uniques: sql`${t.uniques} + excluded.uniques` } as never,
        }),
    );
  };
  return (batch: Click[]): BatchStatement[] => {
    const rows = counterRows(batch);
    return [
      ...GROUP_COUNTERS.flatMap((name) => groupUpserts(name, rows.links)),
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
