/**
 * Migration 0009 makes QR scans a counter dimension on a database that already has counted
 * clicks: on better-sqlite3 and on a local D1, the counters it leaves must be what a rebuild
 * from the raw clicks gives, and clicks not counted yet (Node counts after writing) must not
 * be counted by it.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { rebuildStatements } from '../../src/db/counterRebuild.js';
import type { BatchWriter, Database } from '../../src/db/database.js';
import { MIGRATIONS_DIR, openDatabase } from '../../src/node/sqlite.js';
import { openD1 } from '../../src/worker/d1.js';
import { tempDir } from '../support/app.js';
import { oldCountersSql } from '../support/oldCounters.js';
import { openLocalD1 } from '../support/worker.js';

const BEFORE = '0008_links_version';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** drizzle/ as it was before the migration under test: its SQL files and its journal. */
function migrationsBefore(): string {
  const dir = tempDir('linkpost-migrations-');
  dirs.push(dir);
  mkdirSync(join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'));
  const last = journal.entries.findIndex((e: { tag: string }) => e.tag === BEFORE);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) copyFileSync(join(MIGRATIONS_DIR, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  return dir;
}

/** Every later migration, added to a folder made by migrationsBefore. */
function addTheRest(dir: string) {
  for (const f of readdirSync(MIGRATIONS_DIR))
    if (f.endsWith('.sql')) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
  copyFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), join(dir, 'meta', '_journal.json'));
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 9, 7);

/** Links in two campaigns and none, and clicks mixing QR scans, bots, first clicks and places. */
function seedSql(): string[] {
  const out = [
    ...[1, 2, 3].map(
      (id) => `INSERT INTO links (id, slug, url, destination, campaign, network, created_at, updated_at)
      VALUES (${id}, 's${id}', 'https://example.com/${id}', 'https://example.com/${id}', ${id === 3 ? 'NULL' : `'c${id}'`},
        ${id === 2 ? 'NULL' : `'${['x', '', 'linkedin'][id - 1]}'`}, ${T0}, ${T0})`,
    ),
  ];
  let id = 0;
  for (let i = 0; i < 60; i++) {
    id++;
    const link = (i % 3) + 1;
    const at = T0 + i * 37 * 60_000 + (i % 5) * DAY;
    const qr = i % 4 === 0 || i % 7 === 0 ? 1 : 0;
    const bot = i % 9 === 0 ? 1 : 0;
    const first = i % 2 === 0 ? 1 : 0;
    const source = ['linkedin', 'direct', 'x'][i % 3];
    const country = i % 6 === 0 ? 'NULL' : `'${['FR', 'NZ', 'US'][i % 3]}'`;
    out.push(`INSERT INTO clicks (id, link_id, clicked_at, source, referrer, referrer_host, device, os, browser, country, region, city, bot, visitor, first_of_day, qr)
      VALUES (${id}, ${link}, ${at}, '${source}', '', ${i % 2 ? `'lnkd.in'` : 'NULL'}, '${i % 2 ? 'mobile' : 'desktop'}', 'iOS', 'Safari', ${country}, NULL, ${i % 4 ? `'Paris'` : 'NULL'}, ${bot}, 'v${i % 11}', ${first}, ${qr})`);
  }
  return out;
}

/** Two QR scans written after counting: Node's click thread counts them later. */
const UNCOUNTED = [61, 62].map(
  (id) => `INSERT INTO clicks (id, link_id, clicked_at, source, referrer, device, bot, visitor, first_of_day, qr)
  VALUES (${id}, 1, ${T0 + DAY}, 'direct', '', 'mobile', 0, 'late', 1, 1)`,
);

// 0013 (one click filter on everything) and 0014 (networks) run after 0009 here and fill their
// tables from the counters already kept: they too must be what a rebuild gives.
const COUNTER_TABLES = [
  'counter_totals',
  'counter_links',
  'counter_campaigns',
  'counter_profiles',
  'counter_filters',
  'counter_filter_links',
  'counter_networks',
];

interface Side {
  run(sql: string): Promise<void>;
  all(sql: string): Promise<unknown[]>;
  /** Applies the migrations after BEFORE. */
  migrate(): Promise<void>;
  drizzle(): { db: Database; batch: BatchWriter };
  close(): Promise<void>;
}

const sides: { name: string; open(): Promise<Side> }[] = [
  {
    name: 'better-sqlite3',
    async open() {
      const dir = tempDir('linkpost-qr-migration-');
      dirs.push(dir);
      const path = join(dir, 'x.db');
      let sqlite = new Sqlite(path);
      sqlite.pragma('foreign_keys = ON');
      migrate(drizzle(sqlite), { migrationsFolder: migrationsBefore() });
      let database: ReturnType<typeof openDatabase> | null = null;
      return {
        run: async (sql) => void sqlite.prepare(sql).run(),
        all: async (sql) => sqlite.prepare(sql).all(),
        async migrate() {
          sqlite.close();
          database = openDatabase(path);
          sqlite = database.sqlite;
        },
        drizzle: () => database!,
        async close() {
          if (database) database.close();
          else sqlite.close();
        },
      };
    },
  },
  {
    name: 'D1 (local)',
    async open() {
      const folder = migrationsBefore();
      const local = await openLocalD1({ migrationsDir: folder });
      type D1 = { prepare(s: string): { run(): Promise<unknown>; all(): Promise<{ results: unknown[] }> } };
      const d1 = () => local.binding as D1;
      return {
        run: async (sql) => void (await d1().prepare(sql).run()),
        all: async (sql) => (await d1().prepare(sql).all()).results,
        async migrate() {
          addTheRest(folder);
          await local.migrate();
        },
        drizzle: () => openD1(local.binding as Parameters<typeof openD1>[0]),
        close: () => local.close(),
      };
    },
  },
];

for (const side of sides) {
  describe(`migration 0009 (QR scans as a dimension) on ${side.name}`, () => {
    it('moves counted QR scans to their own counter rows, exactly as a rebuild counts them, and leaves uncounted clicks alone', async () => {
      const s = await side.open();
      try {
        for (const sql of [
          ...seedSql(),
          ...oldCountersSql(),
          'INSERT OR REPLACE INTO counter_progress (id, through_click_id) VALUES (1, (SELECT max(id) FROM clicks))',
          ...UNCOUNTED,
        ])
          await s.run(sql);
        const before = await s.all("SELECT sum(clicks) AS n FROM counter_totals WHERE dim = 'all' AND grain = 1440");
        await s.migrate();

        const dump = async () =>
          Object.fromEntries(
            await Promise.all(
              COUNTER_TABLES.map(async (t) => [
                t,
                (await s.all(`SELECT * FROM ${t} WHERE clicks != 0`)).map((r) => JSON.stringify(r)).sort(),
              ]),
            ),
          );
        const migrated = await dump();
        // The migration counted nothing new: the day totals still hold the 60 counted clicks.
        expect(await s.all("SELECT sum(clicks) AS n FROM counter_totals WHERE dim = 'all' AND grain = 1440")).toEqual(
          before,
        );
        const scans = await s.all(
          "SELECT value, sum(clicks) AS n FROM counter_totals WHERE dim = 'qr' AND grain = 1440 GROUP BY 1 ORDER BY 1",
        );
        const qrCounted = (await s.all('SELECT count(*) AS n FROM clicks WHERE qr AND id <= 60')) as { n: number }[];
        expect(scans).toEqual([
          { value: 'false', n: 60 - qrCounted[0]!.n },
          { value: 'true', n: qrCounted[0]!.n },
        ]);
        expect(qrCounted[0]!.n).toBeGreaterThan(10);
        // 0013 counted the same 60 clicks under each click filter, and the late ones under none.
        expect(
          await s.all(
            "SELECT filter, sum(clicks) AS n FROM counter_filters WHERE dim = 'all' AND grain = 1440 GROUP BY 1 ORDER BY 1",
          ),
        ).toEqual(['country', 'device', 'qr', 'source'].map((filter) => ({ filter, n: 60 })));
        // 0014 gave each network its posts' counted clicks (link 1 on x, 3 on linkedin, 2 on none).
        expect(
          await s.all(
            "SELECT network, sum(clicks) AS n FROM counter_networks WHERE dim = 'source' GROUP BY 1 ORDER BY 1",
          ),
        ).toEqual([
          { network: 'linkedin', n: 20 },
          { network: 'x', n: 20 },
        ]);

        // What a rebuild from the same counted clicks gives.
        await s.run('DELETE FROM clicks WHERE id > 60');
        const { db, batch } = s.drizzle();
        await batch(rebuildStatements(db));
        expect(migrated).toEqual(await dump());
      } finally {
        await s.close();
      }
    }, 120_000);
  });
}
