/** Migration 0012_key_scopes on a database that already holds keys: every existing key becomes admin. */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, expect, it } from 'vitest';
import { createApiKeyStore } from '../../src/db/index.js';
import { MIGRATIONS_DIR, openDatabase } from '../../src/node/sqlite.js';
import { tempDir } from '../support/app.js';

const dir = tempDir('linkpost-key-migration-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('turns the keys made before scopes into admin keys for every campaign', async () => {
  // The migrations as they were before 0012: the same files, the journal cut before it.
  const before = join(dir, 'before');
  mkdirSync(before);
  cpSync(MIGRATIONS_DIR, before, { recursive: true });
  const journalPath = join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === '0012_key_scopes');
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));

  const path = join(dir, 'old.db');
  const old = new Sqlite(path);
  migrate(drizzle(old), { migrationsFolder: before });
  expect(old.prepare("SELECT count(*) AS n FROM pragma_table_info('api_keys') WHERE name = 'scopes'").get()).toEqual({
    n: 0,
  });
  old
    .prepare('INSERT INTO api_keys (name, prefix, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, NULL)')
    .run('laptop', 'AAAAAAAA', 'a'.repeat(64), 1);
  old.close();

  const database = openDatabase(path);
  try {
    const [key] = await createApiKeyStore(database.db).list();
    expect(key).toMatchObject({ name: 'laptop', scopes: ['admin'], campaigns: null, lastUsedAt: null });
  } finally {
    database.close();
  }
});
