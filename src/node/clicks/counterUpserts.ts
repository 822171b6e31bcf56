import type Sqlite from 'better-sqlite3';
import { counterRows, type CountedClick } from '../../db/counters.js';
import { GROUP_COLUMN, GROUP_COUNTERS, groupRows } from '../../db/groupCounters.js';
import { COUNTER_SPEC, ORED_COLUMNS, columnOf, keyColumns, type CounterName } from '../../db/counterSpec.js';

type Row = Record<string, unknown> & { clicks: number; uniques: number };

/** A prepared upsert of one counter table, its SQL written from the counter spec. */
function preparedUpsert(sqlite: Sqlite.Database, name: CounterName): (row: Row) => void {
  const { table, keys } = COUNTER_SPEC[name];
  const ored = ORED_COLUMNS[name] ?? [];
  const columns = [...keys.map(columnOf), 'clicks', 'uniques', ...ored.map(columnOf)];
  const statement = sqlite.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT (${keyColumns(name).join(', ')}) DO UPDATE SET clicks = clicks + excluded.clicks, uniques = uniques + excluded.uniques${ored
       .map(columnOf)
       .map((c) => `, ${c} = ${c} | excluded.${c}`)
       .join('')}`,
  );
  const params = new Array<unknown>(columns.length);
  return (row) => {
    for (let i = 0; i < keys.length; i++) {
      const v = row[keys[i]!];
      params[i] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    }
    params[keys.length] = row.clicks;
    params[keys.length + 1] = row.uniques;
    for (let i = 0; i < ored.length; i++) params[keys.length + 2 + i] = row[ored[i]!] ?? 0;
    statement.run(params);
  };
}

/**
 * Adds clicks to the counters with prepared better-sqlite3 statements: the same rows as the
 * shared `counterStatements`, without building drizzle inserts of thousands of rows, which
 * cost more than running them. Call inside a transaction.
 */
export function sqliteCounterUpserts(sqlite: Sqlite.Database): (clicks: readonly CountedClick[]) => void {
  const totals = preparedUpsert(sqlite, 'totals');
  const perLink = preparedUpsert(sqlite, 'links');
  const profiles = preparedUpsert(sqlite, 'profiles');
  const filters = preparedUpsert(sqlite, 'filters');
  const filterLinks = preparedUpsert(sqlite, 'filterLinks');
  const groups = GROUP_COUNTERS.map((name) => ({
    name,
    upsert: preparedUpsert(sqlite, name),
    groupOfLink: sqlite.prepare(`SELECT ${GROUP_COLUMN[name]} FROM links WHERE id = ?`).pluck(),
  }));
  return (clicks) => {
    const rows = counterRows(clicks);
    for (const { name, upsert, groupOfLink } of groups) {
      const known = new Map<number, string | null>();
      const groupOf = (linkId: number) => {
        if (!known.has(linkId)) known.set(linkId, (groupOfLink.get(linkId) as string | null | undefined) ?? null);
        return known.get(linkId)!;
      };
      for (const r of groupRows(name, rows.links, groupOf)) upsert(r);
    }
    for (const r of rows.totals) totals(r);
    for (const r of rows.links) perLink(r);
    for (const r of rows.profiles) profiles(r);
    for (const r of rows.filters) filters(r);
    for (const r of rows.filterLinks) filterLinks(r);
  };
}
