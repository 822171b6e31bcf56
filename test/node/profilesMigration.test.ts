/** Migration 0018_profiles_without_rowid on a database that already holds click profiles. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type Sqlite from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/node/sqlite.js';
import { tempDir } from '../support/app.js';
import { databaseBefore } from '../support/migrations.js';

const dir = tempDir('linkpost-profiles-migration-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROFILES = 'SELECT * FROM counter_profiles ORDER BY link_id, grain, bucket, source, country';
const withoutRowid = (db: Sqlite.Database) =>
  (db.prepare("SELECT wr FROM pragma_table_list WHERE name = 'counter_profiles'").get() as { wr: number }).wr === 1;

it('keeps every profile, stores them once (WITHOUT ROWID) and keeps deleting links exact', () => {
  const path = join(dir, 'old.db');
  const old = databaseBefore(dir, '0018_profiles_without_rowid', path);
  expect(withoutRowid(old)).toBe(false); // what 0009 left
  const link = old.prepare(
    "INSERT INTO links (slug, url, destination, created_at, updated_at) VALUES (?, 'https://e.com/', 'https://e.com/', 0, 0) RETURNING id",
  );
  const kept = (link.get('kept') as { id: number }).id;
  const gone = (link.get('gone') as { id: number }).id;
  const profile = old.prepare(
    `INSERT INTO counter_profiles (link_id, grain, bucket, bot, source, country, device, referrer, city, os, browser, qr, clicks, uniques)
     VALUES (?, 1440, ?, 0, ?, ?, 'mobile', '', '', 'iOS', 'Safari', 'false', ?, 1)`,
  );
  const total = old.prepare(
    'INSERT INTO counter_totals (dim, grain, bucket, bot, value, clicks, uniques) VALUES (?, 1440, ?, 0, ?, ?, ?) ON CONFLICT DO UPDATE SET clicks = clicks + excluded.clicks, uniques = uniques + excluded.uniques',
  );
  for (const [id, day, source, country, clicks] of [
    [kept, 0, 'linkedin', 'US', 3],
    [kept, 86_400_000, 'x', 'FR', 2],
    [gone, 0, 'linkedin', 'US', 5],
  ] as const) {
    profile.run(id, day, source, country, clicks);
    total.run('source', day, source, clicks, 1);
  }
  const profiles = old.prepare(PROFILES).all();
  expect(profiles).toHaveLength(3);
  old.close();

  const database = openDatabase(path);
  try {
    const db = database.sqlite;
    expect(withoutRowid(db)).toBe(true);
    expect(db.prepare(PROFILES).all()).toEqual(profiles);
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'links'").pluck();
    expect(triggers.all()).toEqual(expect.arrayContaining(['counters_forget_link', 'counters_forget_link_filters']));
    // The rebuilt triggers still take a deleted link's clicks out of the totals, read from its profiles.
    db.prepare('DELETE FROM links WHERE id = ?').run(gone);
    expect(db.prepare("SELECT value, clicks FROM counter_totals WHERE dim = 'source' AND bucket = 0").all()).toEqual([
      { value: 'linkedin', clicks: 3 },
    ]);
    expect(db.prepare('SELECT count(*) FROM counter_profiles').pluck().get()).toBe(2);
  } finally {
    database.close();
  }
});
