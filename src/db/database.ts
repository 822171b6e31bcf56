import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { schema } from './schema.js';

/**
 * Any drizzle SQLite database: better-sqlite3 (sync) on Node, D1 (async) on Workers.
 * Stores await every query, which works for both result kinds.
 */
export type Database = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;

/**
 * Runs several writes as one unit: a transaction on better-sqlite3, db.batch on D1
 * (which rejects BEGIN). Each runtime entry provides its own.
 */
export type BatchWriter = (statements: BatchStatement[]) => Promise<void>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BatchStatement = { run(): unknown } & PromiseLike<unknown>;
