import { drizzle, type AnyD1Database } from 'drizzle-orm/d1';
import type { BatchItem } from 'drizzle-orm/batch';
import type { BatchWriter, Database } from '../db/database.js';
import { schema } from '../db/schema.js';

export interface D1Handle {
  db: Database;
  /** D1 has no interactive transactions (BEGIN is refused); db.batch runs the list atomically. */
  batch: BatchWriter;
}

// Drizzle reads the whole schema when it is built: once per binding, not per request or batch.
const handles = new WeakMap<AnyD1Database, D1Handle>();

/**
 * Drizzle over a D1 binding, built once per binding object (an isolate's requests, queue
 * batches and cron runs share their env, so they share it). Also runs on wrangler's local D1 in tests.
 */
export function openD1(binding: AnyD1Database): D1Handle {
  let handle = handles.get(binding);
  if (!handle) handles.set(binding, (handle = openDrizzle(binding)));
  return handle;
}

function openDrizzle(binding: AnyD1Database): D1Handle {
  const db = drizzle(binding, { schema });
  return {
    db: db as unknown as Database,
    async batch(statements) {
      if (statements.length === 0) return;
      await db.batch(statements as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    },
  };
}
