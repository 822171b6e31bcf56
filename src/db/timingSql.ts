/** The SQL pieces the timing queries share (src/db/timingStore.ts, src/db/postClockQueries.ts). */
import { sql, type SQL } from 'drizzle-orm';
import type { BotMode, StatsScope } from '../domain/index.js';
import { linkCondition as linksOf, profileFilters as clickFiltersOf } from './statsWhere.js';

export const BOTS: Record<BotMode, string> = { exclude: '0', include: '0, 1', only: '1' };

/**
 * A whole number written into the SQL: D1 may bind JS numbers as REAL, which would turn the
 * integer divisions of the timing queries into float ones; every value is computed, never user text.
 */
export function int(n: number): SQL {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number: ${n}`);
  return sql.raw(String(n));
}

/** The links a scope names, as a condition on `links` (true when it names none). */
export const linkCondition = (scope: StatsScope): SQL => linksOf(scope) ?? sql`1`;

/** The scope's click filters on counter_profiles rows (true when it has none). */
export const profileFilters = (scope: StatsScope): SQL => clickFiltersOf(scope) ?? sql`1`;

/**
 * `group_concat` of whole-number columns, one list per row of the query: SQLite builds the
 * string faster than it hands over rows one by one (which is what the timing queries spent their
 * time on), and `unpack` reads it back. The order of the entries is SQLite's: callers sum.
 * The longest list, a year of one post's quarter hours, is ~300 kB: under D1's 2 MB per value.
 */
export const packed = (columns: SQL[]): SQL =>
  sql`group_concat(${sql.join(
    columns.map((c) => sql`(${c})`),
    sql` || ',' || `,
  )})`;

/** The numbers of a `packed` list (null: none). */
export const unpack = (list: string | null): number[] => (list ? (JSON.parse(`[${list}]`) as number[]) : []);
