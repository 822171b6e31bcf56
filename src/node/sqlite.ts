import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BatchWriter, Database } from '../db/database.js';
import { schema } from '../db/schema.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

export interface NodeDatabase {
  db: Database;
  sqlite: Sqlite.Database;
  batch: BatchWriter;
  close(): void;
}

/** Opens (creating if needed) the SQLite file, tunes it for a web server, and migrates it. */
export function openDatabase(path: string): NodeDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // The busy timeout before anything else: switching to WAL already waits for other writers.
  const sqlite = new Sqlite(path, { timeout: 5000 });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL'); // durable across process crashes in WAL mode
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema });
  // What migrations delete (0006: the salts once stored in clear) is zeroed, not left in free
  // pages; day-to-day deletes hold nothing secret and skip the cost.
  sqlite.pragma('secure_delete = ON');
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  sqlite.pragma('secure_delete = OFF');
  // better-sqlite3 statements are synchronous, so the whole list runs inside one transaction.
  const runAll = sqlite.transaction((statements: { run(): unknown }[]) => {
    for (const s of statements) s.run();
  });
  return {
    db: db as unknown as Database,
    sqlite,
    batch: async (statements) => void runAll(statements),
    close: () => sqlite.close(),
  };
}
