import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from './database.js';

/**
 * Characters of JSON one statement carries at most: far below D1's 2 MB limit on a value,
 * so even long user agents never make a statement too big.
 */
const MAX_JSON_CHARS = 512 * 1024;

/**
 * `json_extract(value, '$[i]')` for each column of a json_each row: `n` unnamed ones, or one
 * per name, `AS` that name.
 */
const jsonColumns = (columns: number | readonly string[]): SQL =>
  sql.raw(
    (typeof columns === 'number' ? Array.from({ length: columns }, () => null) : columns)
      .map((name, i) => `json_extract(value, '$[${i}]')${name ? ` AS ${name}` : ''}`)
      .join(', '),
  );

/**
 * Rows as JSON arrays, cut where a part would pass MAX_JSON_CHARS: each part is one bound
 * parameter, however many rows it holds (D1 allows 100 parameters per statement).
 */
export function jsonParts(rows: unknown[][]): string[] {
  const parts: string[] = [];
  let part: string[] = [];
  let size = 2;
  for (const row of rows) {
    const text = JSON.stringify(row);
    if (part.length > 0 && size + text.length + 1 > MAX_JSON_CHARS) {
      parts.push(`[${part.join(',')}]`);
      part = [];
      size = 2;
    }
    part.push(text);
    size += text.length + 1;
  }
  if (part.length > 0) parts.push(`[${part.join(',')}]`);
  return parts;
}

/**
 * `SELECT json_extract(value, '$[0]'), … FROM json_each(?) WHERE true` over one JSON part:
 * `columns` unnamed columns, or the names given (names are the caller's, never user text).
 */
export const selectJson = (json: string, columns: number | readonly string[]): SQL =>
  // WHERE true: SQLite needs it to read ON CONFLICT after INSERT … SELECT.
  sql`SELECT ${jsonColumns(columns)} FROM json_each(${json}) WHERE true`;

/**
 * `INSERT INTO table SELECT … FROM json_each(?)`: any number of rows in one statement (per
 * JSON part), each value as drizzle would bind it (booleans 0/1), a missing one as the column's
 * default or NULL (an id to assign). The caller adds ON CONFLICT.
 */
export function insertJsonRows<T extends SQLiteTable>(db: Database, table: T, rows: readonly object[]) {
  if (rows.length === 0) return [];
  const columns = Object.entries(getTableColumns(table));
  const arrays = (rows as readonly Record<string, unknown>[]).map((row) =>
    columns.map(([key, column]) => {
      const value = row[key] === undefined ? column.default : row[key];
      if (value !== null && value !== undefined && typeof value === 'object')
        throw new Error(`no JSON value for ${key}`);
      return value === null || value === undefined ? null : column.mapToDriverValue(value);
    }),
  );
  return jsonParts(arrays).map((json) => db.insert(table).select(selectJson(json, columns.length)));
}
