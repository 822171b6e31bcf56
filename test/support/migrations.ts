import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_DIR } from '../../src/node/sqlite.js';

/**
 * A database at `path` as it was before migration `tag`: the same migration files, the journal
 * cut before it, so a test can fill it the old way and then open it with openDatabase.
 */
export function databaseBefore(dir: string, tag: string, path = join(dir, 'old.db')): Sqlite.Database {
  const before = join(dir, `before-${tag}`);
  mkdirSync(before);
  cpSync(MIGRATIONS_DIR, before, { recursive: true });
  const journalPath = join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  if (at <= 0) throw new Error(`no migration ${tag} after the first`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  const old = new Sqlite(path);
  migrate(drizzle(old), { migrationsFolder: before });
  return old;
}
