import { drizzle, type AnyD1Database } from 'drizzle-orm/d1';
import type { BatchItem } from 'drizzle-orm/batch';
import type { BatchWriter, Database } from '../db/database.js';
import { schema } from '../db/schema.js';

/** D1 allows 100 bound parameters per statement; the stores chunk their writes to fit. */
export const D1_MAX_PARAMS = 100;

export interface D1Handle {
  db: Database;
  /** D1 has no interactive transactions (BEGIN is refused); db.batch runs the list atomically. */
  batch: BatchWriter;
}

/**
 * Drizzle over one request's D1 binding. Cheap: call it per request, never keep it in module
 * scope, since the binding belongs to the request's env. Also runs on wrangler's local D1 in tests.
 */
export function openD1(binding: AnyD1Database): D1Handle {
  const db = drizzle(binding, { schema });
  return {
    db: db as unknown as Database,
    async batch(statements) {
      if (statements.length === 0) return;
      await db.batch(statements as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    },
  };
}
