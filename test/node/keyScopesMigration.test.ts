/** Migration 0012_key_scopes on a database that already holds keys: every existing key becomes admin. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createApiKeyStore } from '../../src/db/index.js';
import { openDatabase } from '../../src/node/sqlite.js';
import { tempDir } from '../support/app.js';
import { databaseBefore } from '../support/migrations.js';

const dir = tempDir('linkpost-key-migration-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('turns the keys made before scopes into admin keys for every campaign', async () => {
  const path = join(dir, 'old.db');
  const old = databaseBefore(dir, '0012_key_scopes', path);
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
