import { rebuildStatements } from '../../src/db/counterRebuild.js';
import type { BatchWriter, Database } from '../../src/db/database.js';
import type { CounterStore } from '../../src/domain/index.js';

/**
 * The counters rebuilt as one batch on any driver (a transaction, or db.batch on D1), for tests
 * that rebuild a shared store. The Node CLI uses createSqliteCounterStore, which counts first.
 */
export function createCounterStore(db: Database, batch: BatchWriter): CounterStore {
  return { rebuild: () => batch(rebuildStatements(db)) };
}
