/**
 * Counting after writing (src/node/clicks/count.ts), on real SQLite files: counter_progress says
 * how far counting got, so every click is counted exactly once whatever happens between the
 * write and the count: a crash, a rebuild, a deleted or a moved post, a migration.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkStore, type Database } from '../../../src/db/index.js';
import { schema } from '../../../src/db/schema.js';
import type { Device, NewClick } from '../../../src/domain/index.js';
import { createClickCounting, createSqliteCounterStore } from '../../../src/node/clicks/count.js';
import { MIGRATIONS_DIR, openDatabase, type NodeDatabase } from '../../../src/node/sqlite.js';
import { createSqliteClickWriter } from '../../../src/node/clicks/write.js';
import { createWrittenClicks } from '../../../src/node/clicks/writtenClicks.js';
import { oldCountersSql } from '../../support/oldCounters.js';
import { tempDir } from '../../support/app.js';
import { prng } from '../../support/random.js';

const DAY = 86_400_000;
const START = Date.parse('2026-02-20T00:00:00Z');
/** Clicks count.ts takes per transaction (its RUN). */
const RUN = 50_000;

const dir = tempDir('linkpost-counting-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `db${++files}.db`);

const PLACES: [string | null, string | null][] = [
  [null, null],
  ['FR', 'Paris'],
  ['US', 'Paris'],
  ['IN', 'Mumbai'],
  ['IN', null],
];

function randomClicks(rnd: () => number, linkIds: number[], n: number): NewClick[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, () => {
    const [country, city] = pick(PLACES);
    const referrerHost = pick([null, null, 'lnkd.in', 't.co']);
    return {
      linkId: pick(linkIds),
      clickedAt: START + Math.floor(rnd() ** 1.5 * 10 * DAY),
      referrer: referrerHost && `https://${referrerHost}/x`,
      referrerHost,
      source: pick(['linkedin', 'x', 'direct', 'direct']),
      device: pick<Device>(['desktop', 'mobile', 'tablet']),
      os: pick([null, 'iOS', 'Android']),
      browser: pick([null, 'Chrome']),
      country,
      region: null,
      city,
      bot: rnd() < 0.1,
      visitor: `v${Math.floor(rnd() * 30)}`.padEnd(32, '0'),
      qr: false,
      userAgent: null,
    };
  });
}

async function insertLinks(db: Database, campaigns: (string | null)[]): Promise<number[]> {
  // Plain SQL, not the store: old databases in these tests lack columns added since (links.preview).
  const ids: number[] = [];
  for (const [i, campaign] of campaigns.entries()) {
    const [row] = await db.all<{ id: number }>(
      sql`INSERT INTO links (slug, url, destination, campaign, posted_at, created_at, updated_at) VALUES (${`p${i + 1}`}, 'https://example.com', 'https://example.com', ${campaign}, ${START}, ${START}, ${START}) RETURNING id`,
    );
    ids.push(row!.id);
  }
  return ids;
}

/** Whether open() wires the writer to counting as the click thread does (writtenClicks.ts). */
let remembering = false;

/** A new database file with posts in `campaigns`, the Node click store (which counts nothing) and its counting. */
async function open(campaigns: (string | null)[] = ['c1', 'c1', 'c2', null]) {
  const path = newFile();
  const database = openDatabase(path);
  const linkIds = await insertLinks(database.db, campaigns);
  const written = remembering ? createWrittenClicks() : undefined;
  return {
    path,
    database,
    linkIds,
    clicks: createSqliteClickWriter(database, written?.add),
    counting: createClickCounting(database, written),
  };
}

const COUNTERS = ['counter_totals', 'counter_links', 'counter_profiles', 'counter_campaigns'];

/** Every counter row, sorted; rows a delete trigger left at zero are skipped (a rebuild drops them). */
const dump = (database: NodeDatabase) =>
  Object.fromEntries(
    COUNTERS.map((t) => [
      t,
      (database.sqlite.prepare(`SELECT * FROM ${t} WHERE clicks != 0`).all() as object[])
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );

/** What the Node rebuild (the CLI's) computes from the raw clicks, leaving the counters as it made them. */
async function rebuilt(database: NodeDatabase) {
  await createSqliteCounterStore(database, createClickCounting(database)).rebuild();
  return dump(database);
}

/** Uniques in the day totals beside distinct (UTC day, post, visitor) of human clicks: an oracle that trusts no flag. */
function uniquesAndDistinct(database: NodeDatabase) {
  return {
    counted: one(
      database,
      "SELECT coalesce(sum(uniques), 0) FROM counter_totals WHERE dim = 'all' AND grain = 1440 AND bot = 0",
    ),
    distinct: one(
      database,
      "SELECT count(*) FROM (SELECT DISTINCT date(clicked_at / 1000, 'unixepoch'), link_id, visitor FROM clicks WHERE bot = 0)",
    ),
  };
}

const one = (database: NodeDatabase, sql: string): number => database.sqlite.prepare(sql).pluck().get() as number;
const mark = (database: NodeDatabase) => one(database, 'SELECT through_click_id FROM counter_progress WHERE id = 1');
const maxId = (database: NodeDatabase) => one(database, 'SELECT coalesce(max(id), 0) FROM clicks');

/** Counted clicks per bot flag, from the day totals stats read, beside the raw clicks per bot flag. */
function totalsAndRaw(database: NodeDatabase) {
  const rows = (sql: string) =>
    Object.fromEntries((database.sqlite.prepare(sql).raw().all() as [number, number][]).filter(([, n]) => n !== 0));
  return {
    counted: rows("SELECT bot, sum(clicks) FROM counter_totals WHERE dim = 'all' AND grain = 1440 GROUP BY bot"),
    raw: rows('SELECT bot, count(*) FROM clicks GROUP BY bot'),
  };
}

async function writeInBatches(store: ReturnType<typeof createSqliteClickWriter>, clicks: NewClick[], size = 400) {
  for (let i = 0; i < clicks.length; i += size) await store.insertBatch(clicks.slice(i, i + size));
}

describe.each([
  ['reading the written clicks back', false],
  ["taking them from the click thread's memory of what it wrote", true],
])('counting clicks after writing them, %s', (_, memory) => {
  beforeAll(() => {
    remembering = memory;
  });

  it("counts exactly when another connection writes clicks between this one's writes", async () => {
    const t = await open();
    const other = openDatabase(t.path);
    const otherClicks = createSqliteClickWriter(other);
    const rnd = prng(9);
    await writeInBatches(t.clicks, randomClicks(rnd, t.linkIds, 300));
    await writeInBatches(otherClicks, randomClicks(rnd, t.linkIds, 120));
    await writeInBatches(t.clicks, randomClicks(rnd, t.linkIds, 250));
    expect(t.counting.countAll()).toBe(670);
    await writeInBatches(t.clicks, randomClicks(rnd, t.linkIds, 80));
    await writeInBatches(otherClicks, randomClicks(rnd, t.linkIds, 40));
    expect(t.counting.countAll()).toBe(120);
    const { counted, raw } = totalsAndRaw(t.database);
    expect(counted).toEqual(raw);
    expect(uniquesAndDistinct(t.database).counted).toBe(uniquesAndDistinct(t.database).distinct);
    const before = dump(t.database);
    expect(await rebuilt(t.database)).toEqual(before);
    other.close();
    t.database.close();
  });

  it('leaves written clicks out of the counters until countAll, which counts each once, as a rebuild would', async () => {
    const t = await open();
    const rnd = prng(1);
    await writeInBatches(t.clicks, randomClicks(rnd, t.linkIds, 1500));
    expect(one(t.database, 'SELECT count(*) FROM clicks')).toBe(1500);
    expect(
      one(t.database, 'SELECT count(*) FROM counter_totals') + one(t.database, 'SELECT count(*) FROM counter_profiles'),
    ).toBe(0);
    expect(mark(t.database)).toBe(0);

    expect(t.counting.countAll()).toBe(1500);
    expect(t.counting.countAll()).toBe(0);
    expect(mark(t.database)).toBe(maxId(t.database));
    expect(totalsAndRaw(t.database).counted).toEqual(totalsAndRaw(t.database).raw);
    const uniques = uniquesAndDistinct(t.database);
    expect(uniques.counted).toBe(uniques.distinct);
    expect(uniques.distinct).toBeGreaterThan(0);

    await writeInBatches(t.clicks, randomClicks(rnd, t.linkIds, 700));
    expect(t.counting.countAll()).toBe(700);
    const counted = dump(t.database);
    expect(counted.counter_profiles!.length).toBeGreaterThan(0);
    expect(await rebuilt(t.database)).toEqual(counted);
    t.database.close();
  });

  it('counts a backlog of more than one run completely in one countAll', async () => {
    const t = await open();
    const rnd = prng(2);
    const n = 2 * RUN + 1;
    for (let written = 0; written < n; written += 5_000) {
      await t.clicks.insertBatch(randomClicks(rnd, t.linkIds, Math.min(5_000, n - written)));
    }
    expect(t.counting.countAll()).toBe(n);
    expect(mark(t.database)).toBe(maxId(t.database));
    expect(t.counting.countAll()).toBe(0);
    const { counted, raw } = totalsAndRaw(t.database);
    expect(counted).toEqual(raw);
    expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBe(n);
    const before = dump(t.database);
    expect(await rebuilt(t.database)).toEqual(before);
    t.database.close();
  }, 120_000);

  it('after a crash, counts on the next open exactly the clicks left uncounted, none twice', async () => {
    const t = await open();
    const rnd = prng(3);
    await writeInBatches(t.clicks, randomClicks(rnd, t.linkIds, 900));
    expect(t.counting.countAll()).toBe(900);
    await writeInBatches(t.clicks, randomClicks(rnd, t.linkIds, 650));
    t.database.close(); // the process dies before its next count

    const reopened = openDatabase(t.path);
    expect(createClickCounting(reopened).countAll()).toBe(650);
    expect(createClickCounting(reopened).countAll()).toBe(0);
    const { counted, raw } = totalsAndRaw(reopened);
    expect(counted).toEqual(raw);
    expect(uniquesAndDistinct(reopened).counted).toBe(uniquesAndDistinct(reopened).distinct);
    const before = dump(reopened);
    expect(await rebuilt(reopened)).toEqual(before);
    reopened.close();
  });

  it('takes a rebuild as counting the clicks not counted yet', async () => {
    const t = await open();
    const rnd = prng(4);
    await writeInBatches(t.clicks, randomClicks(rnd, t.linkIds, 800));
    t.counting.countAll();
    await writeInBatches(t.clicks, randomClicks(rnd, t.linkIds, 300));
    const afterRebuild = await rebuilt(t.database);
    expect(mark(t.database)).toBe(maxId(t.database));
    expect(t.counting.countAll()).toBe(0);
    expect(dump(t.database)).toEqual(afterRebuild);
    const { counted, raw } = totalsAndRaw(t.database);
    expect(counted).toEqual(raw);
    // The rebuild decided the uncounted clicks' first of the day before recounting them.
    expect(uniquesAndDistinct(t.database).counted).toBe(uniquesAndDistinct(t.database).distinct);
    t.database.close();
  });

  it('does not count the uncounted clicks of a deleted post, and still counts the clicks after them', async () => {
    const t = await open();
    const [gone, kept] = t.linkIds as [number, number];
    const rnd = prng(5);
    await writeInBatches(t.clicks, randomClicks(rnd, [gone, kept], 1000));
    expect(t.counting.countAll()).toBe(1000);
    const keptLate = randomClicks(rnd, [kept], 200);
    const goneLate = randomClicks(rnd, [gone], 300); // the newest clicks: deleting them empties the top of the ids
    await writeInBatches(t.clicks, keptLate);
    await writeInBatches(t.clicks, goneLate);

    expect(await createLinkStore(t.database.db).remove(gone)).toBe(true);
    expect(t.counting.countAll()).toBe(keptLate.length);
    expect(totalsAndRaw(t.database).counted).toEqual(totalsAndRaw(t.database).raw);

    await writeInBatches(t.clicks, randomClicks(rnd, [kept], 50));
    expect(t.counting.countAll()).toBe(50);
    const { counted, raw } = totalsAndRaw(t.database);
    expect(counted).toEqual(raw);
    expect(Object.values(raw).reduce((a, b) => a + b, 0)).toBe(one(t.database, 'SELECT count(*) FROM clicks'));
    const before = dump(t.database);
    expect(await rebuilt(t.database)).toEqual(before);
    t.database.close();
  });

  it('counts the uncounted clicks of a moved post for its new campaign only', async () => {
    const t = await open(['Old', 'Old']);
    const [moved, stays] = t.linkIds as [number, number];
    const rnd = prng(6);
    await writeInBatches(t.clicks, randomClicks(rnd, [moved, stays], 600));
    t.counting.countAll();
    await writeInBatches(t.clicks, randomClicks(rnd, [moved, stays], 400));
    await createLinkStore(t.database.db).update(moved, { campaign: 'New' });
    expect(t.counting.countAll()).toBe(400);

    // Each click is in every dimension of its campaign's rows once; 'source' sums to the clicks.
    const perCampaign = (sql: string) =>
      Object.fromEntries(t.database.sqlite.prepare(sql).raw().all() as [string, number][]);
    const counted = perCampaign(
      "SELECT campaign, sum(clicks) FROM counter_campaigns WHERE dim = 'source' GROUP BY campaign HAVING sum(clicks) != 0",
    );
    const raw = perCampaign('SELECT l.campaign, count(*) FROM clicks c JOIN links l ON l.id = c.link_id GROUP BY 1');
    expect(counted).toEqual(raw);
    expect(Object.keys(counted).sort()).toEqual(['New', 'Old']);
    const before = dump(t.database);
    expect(await rebuilt(t.database)).toEqual(before);
    t.database.close();
  });

  it("marks each visitor's first click of the day on each post, in click order, across runs and a restart", async () => {
    const t = await open(['c1', 'c1']);
    const [p1, p2] = t.linkIds as [number, number];
    const at = (iso: string) => Date.parse(iso);
    const click = (linkId: number, when: string, visitor: string, bot = false): NewClick => ({
      linkId,
      clickedAt: at(when),
      referrer: null,
      referrerHost: null,
      source: 'direct',
      device: 'mobile',
      os: null,
      browser: null,
      country: null,
      region: null,
      city: null,
      bot,
      visitor: visitor.padEnd(32, '0'),
      qr: false,
      userAgent: null,
    });
    // [click, first of its visitor's day on that post?]
    const script: [NewClick, boolean][] = [
      [click(p1, '2026-02-20T10:00:00Z', 'a'), true],
      [click(p1, '2026-02-20T10:05:00Z', 'a'), false],
      [click(p2, '2026-02-20T10:06:00Z', 'a'), true], // another post
      [click(p1, '2026-02-20T10:07:00Z', 'b'), true], // another visitor
      [click(p1, '2026-02-20T10:08:00Z', 'c', true), false], // a bot is never a unique
      [click(p1, '2026-02-20T10:09:00Z', 'c'), true], // and does not use up the person's first
      [click(p1, '2026-02-20T23:59:59Z', 'a'), false],
      [click(p1, '2026-02-21T00:00:00Z', 'a'), true], // the next UTC day
      [click(p1, '2026-02-21T08:00:00Z', 'a'), false],
    ];
    const clicks = script.map(([c]) => c);
    await t.clicks.insertBatch(clicks.slice(0, 2));
    t.counting.countAll();
    await t.clicks.insertBatch(clicks.slice(2, 5));
    await t.clicks.insertBatch(clicks.slice(5, 7));
    t.counting.countAll();
    await t.clicks.insertBatch(clicks.slice(7));
    t.database.close(); // the last ones are decided after a restart

    const reopened = openDatabase(t.path);
    createClickCounting(reopened).countAll();
    const firsts = reopened.sqlite.prepare('SELECT first_of_day FROM clicks ORDER BY id').pluck().all();
    expect(firsts).toEqual(script.map(([, first]) => (first ? 1 : 0)));
    expect(uniquesAndDistinct(reopened)).toEqual({ counted: 5, distinct: 5 });
    reopened.close();
  });

  it("still marks a visitor's first click after a count that failed and rolled back, and only once after repeats", async () => {
    const t = await open(['c1']);
    const [p1] = t.linkIds as [number];
    const click = (minute: number): NewClick => ({
      ...randomClicks(prng(3), [p1], 1)[0]!,
      clickedAt: START + minute * 60_000,
      bot: false,
      visitor: 'a'.padEnd(32, '0'),
    });
    await t.clicks.insertBatch([click(1), click(2)]);
    // The count fails after its daily_visitors insert (marking the first click), so all of it rolls back.
    t.database.sqlite.exec(
      "CREATE TEMP TRIGGER fail_first BEFORE UPDATE OF first_of_day ON clicks BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
    );
    expect(() => t.counting.countAll()).toThrow(/disk on fire/);
    t.database.sqlite.exec('DROP TRIGGER fail_first');
    expect(t.counting.countAll()).toBe(2);
    await t.clicks.insertBatch([click(3)]);
    expect(t.counting.countAll()).toBe(1);
    const firsts = t.database.sqlite.prepare('SELECT first_of_day FROM clicks ORDER BY id').pluck().all();
    expect(firsts).toEqual([1, 0, 0]);
    expect(uniquesAndDistinct(t.database)).toEqual({ counted: 1, distinct: 1 });
    t.database.close();
  });

  it('refuses to count without a progress row, which would count every click again, until a rebuild writes it', async () => {
    const t = await open();
    await writeInBatches(t.clicks, randomClicks(prng(8), t.linkIds, 300));
    t.counting.countAll();
    const counted = dump(t.database);
    t.database.sqlite.exec('DELETE FROM counter_progress');
    expect(() => t.counting.countAll()).toThrow(/counter_progress has no row: run `npm run cli -- counters rebuild`/);
    expect(dump(t.database)).toEqual(counted);
    expect(await rebuilt(t.database)).toEqual(counted);
    expect(mark(t.database)).toBe(maxId(t.database));
    expect(t.counting.countAll()).toBe(0);
    t.database.close();
  });

  it('migrates a database from before counter_progress as counted through its last click', async () => {
    // The migrations as they were before 0004: the journal cut to its first four entries.
    const oldMigrations = join(dir, 'drizzle-0003');
    cpSync(MIGRATIONS_DIR, oldMigrations, { recursive: true });
    const journalPath = join(oldMigrations, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, 4);
    expect(journal.entries.at(-1)!.tag).toBe('0003_campaign_counters');
    writeFileSync(journalPath, JSON.stringify(journal));

    const path = newFile();
    const sqlite = new Sqlite(path);
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: oldMigrations });
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'counter_progress'").pluck().get()).toBe(0);
    const runAll = sqlite.transaction((statements: { run(): unknown }[]) => statements.forEach((s) => s.run()));
    const old: NodeDatabase = {
      db: db as unknown as Database,
      sqlite,
      batch: async (s) => void runAll(s),
      close: () => sqlite.close(),
    };
    const linkIds = await insertLinks(old.db, ['c1', null, 'c2']);
    // Before 0004 every batch was counted in its own transaction: the counters hold every click
    // (written as that schema keeps them, without 0009's qr column).
    const store = createSqliteClickWriter(old);
    const rnd = prng(7);
    for (let i = 0; i < 5; i++) await store.insertBatch(randomClicks(rnd, linkIds, 240));
    sqlite.transaction(() => oldCountersSql().forEach((statement) => sqlite.prepare(statement).run()))();
    const lastId = sqlite.prepare('SELECT max(id) FROM clicks').pluck().get() as number;
    expect(lastId).toBeGreaterThan(0);
    old.close();

    const database = openDatabase(path);
    expect(database.sqlite.prepare('SELECT * FROM counter_progress').all()).toEqual([
      { id: 1, through_click_id: lastId },
    ]);
    expect(createClickCounting(database).countAll()).toBe(0);
    const { counted, raw } = totalsAndRaw(database);
    expect(counted).toEqual(raw);
    const before = dump(database);
    expect(await rebuilt(database)).toEqual(before);
    database.close();
  });
});
