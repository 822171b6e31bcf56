/**
 * One contract for the stores, run on every driver: better-sqlite3 as the Node server opens it,
 * and a local D1 (wrangler's getPlatformProxy, migrated by wrangler) as the Worker opens it.
 * A store that behaves differently on one of them fails here, not in production.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClickReader } from '../../src/db/clickReader.js';
import { createCounterStore } from '../support/counterStore.js';
import { createStatsStore } from '../../src/db/statsStore.js';
import {
  createApiKeyStore,
  createClickPruner,
  createLinkStore,
  createLinkVersionReader,
  createSessionStore,
  createVisitorSaltStore,
  type BatchWriter,
  type Database,
} from '../../src/db/index.js';
import type { Click, ClickReader, ClickWriter, NewLink, Scope } from '../../src/domain/index.js';
import { createNodeRecordDeps } from '../../src/node/clicks/recordDeps.js';
import { createSaltSealer } from '../../src/services/saltSeal.js';
import { countedAtOnce } from '../../src/node/clicks/count.js';
import { openDatabase, type NodeDatabase } from '../../src/node/sqlite.js';
import { createD1ClickWriter } from '../../src/worker/recordDeps.js';
import { openD1 } from '../../src/worker/d1.js';
import { tempDir } from '../support/app.js';
import { openLocalD1 } from '../support/worker.js';

interface Driver {
  db: Database;
  batch: BatchWriter;
  /** The runtime's click writer, with the shared reader's listing to read back what it wrote. */
  clicks: ClickWriter & Pick<ClickReader, 'list'>;
  close(): Promise<void>;
}

const withListing = (db: Database, writer: ClickWriter) => ({ ...writer, list: createClickReader(db).list });

function nodeClicks(database: NodeDatabase): ClickWriter {
  const capture = createNodeRecordDeps(database);
  return countedAtOnce(capture.clicks, capture.counting);
}

const drivers: { name: string; open(): Promise<Driver> }[] = [
  {
    name: 'better-sqlite3',
    async open() {
      const dir = tempDir('linkpost-contract-');
      const database = openDatabase(join(dir, 'contract.db'));
      return {
        db: database.db,
        batch: database.batch,
        // The Node write path's store (prepared statements), each batch counted as it lands.
        clicks: withListing(database.db, nodeClicks(database)),
        async close() {
          database.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'D1 (local)',
    async open() {
      const local = await openLocalD1();
      const d1 = openD1(local.binding as Parameters<typeof openD1>[0]);
      return { ...d1, clicks: withListing(d1.db, createD1ClickWriter(d1)), close: local.close };
    },
  },
];

const T0 = Date.parse('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;

const newLink = (slug: string, extra: Partial<NewLink> = {}): NewLink => ({
  slug,
  url: `https://example.com/${slug}`,
  destination: `https://example.com/${slug}`,
  title: null,
  campaign: null,
  network: null,
  utm: {},
  postedAt: null,
  createdAt: T0,
  updatedAt: T0,
  disabled: false,
  expiresAt: null,
  maxClicks: null,
  ...extra,
});

const newClick = (linkId: number, at: number, extra: Partial<Click> = {}): Click => ({
  linkId,
  clickedAt: at,
  referrer: null,
  referrerHost: null,
  source: 'direct',
  device: 'desktop',
  os: 'Windows',
  browser: 'Chrome',
  country: 'NZ',
  region: 'Canterbury',
  city: 'Christchurch',
  bot: false,
  visitor: '0123456789abcdef0123456789abcdef',
  qr: false,
  userAgent: 'Mozilla/5.0',
  firstOfDay: false,
  ...extra,
});

const ADMIN_KEY = { scopes: ['admin'] as Scope[], campaigns: null, lastUsedAt: null };
describe.each(drivers)('stores on $name', ({ open }) => {
  let d: Driver;
  beforeAll(async () => {
    d = await open();
  }, 90_000);
  afterAll(() => d?.close());

  // Each test starts from empty tables, so none depends on another's rows.
  beforeEach(async () => {
    const tables = (await d.db.all(
      sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT IN ('d1_migrations', '__drizzle_migrations')`,
    )) as { name: string }[];
    for (const { name } of tables) await d.db.run(sql`DELETE FROM ${sql.identifier(name)}`);
    // As a freshly migrated database has it: nothing counted yet.
    await d.db.run(sql`INSERT INTO counter_progress (id, through_click_id) VALUES (1, 0)`);
  });

  describe('links', () => {
    it('stores a post and reads it back with the same types', async () => {
      const links = createLinkStore(d.db);
      const created = await links.insert(
        newLink('Post', {
          title: 'Launch — día 1',
          campaign: 'Spring',
          network: 'linkedin',
          utm: { source: 'linkedin', campaign: 'spring' },
          postedAt: T0 - HOUR,
          expiresAt: T0 + 30 * 24 * HOUR,
          maxClicks: 1000,
        }),
      );
      expect(created.id).toBeGreaterThan(0);
      expect(await links.bySlug('Post')).toEqual({ ...created, humanClicks: 0 });
      expect(created).toMatchObject({
        disabled: false,
        utm: { source: 'linkedin', campaign: 'spring' },
        postedAt: T0 - HOUR,
      });
    });

    it('treats slugs as case-sensitive and refuses a taken one through the unique index', async () => {
      const links = createLinkStore(d.db);
      await links.insert(newLink('launch'));
      await links.insert(newLink('Launch'));
      expect(await links.slugExists('LAUNCH')).toBe(false);
      const err = await links.insert(newLink('launch')).catch((e: unknown) => e);
      // The same domain error on both drivers, however each words its UNIQUE failure.
      expect(err).toMatchObject({ kind: 'conflict', code: 'slug_taken' });
    });

    it('inserts 1,000 links in one statement, in order, with the same types as one by one', async () => {
      const links = createLinkStore(d.db);
      const many = Array.from({ length: 1000 }, (_, i) =>
        newLink(`bulk-${i}`, {
          title: i === 0 ? 'día "uno", 1' : null,
          campaign: 'Spring',
          network: i % 2 ? 'x' : 'linkedin',
          utm: { source: 'x', campaign: 'spring' },
          postedAt: T0 - i,
          maxClicks: i === 1 ? 5 : null,
          disabled: i === 2,
          expiresAt: i === 3 ? T0 + HOUR : null,
        }),
      );
      const created = await links.insertMany(many);
      expect(created).toHaveLength(1000);
      expect(created!.map((l) => l.slug)).toEqual(many.map((l) => l.slug));
      expect(created![0]).toEqual(await links.bySlug('bulk-0'));
      for (const i of [0, 1, 2, 3, 999]) {
        expect(created![i]).toEqual({ ...many[i], id: expect.any(Number), humanClicks: 0, preview: null });
      }
      expect(await links.takenSlugs(['bulk-7', 'nope', 'bulk-999', 'BULK-7'])).toEqual(new Set(['bulk-7', 'bulk-999']));
      expect(await links.takenSlugs([])).toEqual(new Set());
    });

    it('inserts none of a batch when one of its slugs is taken', async () => {
      const links = createLinkStore(d.db);
      await links.insert(newLink('held'));
      expect(await links.insertMany([newLink('free-1'), newLink('held'), newLink('free-2')])).toBeNull();
      expect(await links.takenSlugs(['free-1', 'free-2', 'held'])).toEqual(new Set(['held']));
      expect(await links.insertMany([])).toEqual([]);
    });

    it('filters, searches (wildcards taken literally) and pages newest first', async () => {
      const links = createLinkStore(d.db);
      for (let i = 1; i <= 5; i++) {
        await links.insert(
          newLink(`p${i}`, {
            campaign: i % 2 ? 'Odd' : 'Even',
            network: 'x',
            title: i === 3 ? '50% off' : `post ${i}`,
          }),
        );
      }
      expect((await links.list({ limit: 10 })).map((l) => l.slug)).toEqual(['p5', 'p4', 'p3', 'p2', 'p1']);
      expect((await links.list({ limit: 10, campaign: 'Odd' })).map((l) => l.slug)).toEqual(['p5', 'p3', 'p1']);
      expect((await links.list({ limit: 10, q: '50%' })).map((l) => l.slug)).toEqual(['p3']);
      expect((await links.list({ limit: 10, q: '_' })).map((l) => l.slug)).toEqual([]);
      const first = await links.list({ limit: 2 });
      const next = await links.list({ limit: 2, beforeId: first[1]!.id });
      expect(next.map((l) => l.slug)).toEqual(['p3', 'p2']);
      expect(await links.campaigns()).toEqual(['Even', 'Odd']);
    });

    it('pages by offset and counts what a filter matches, for the compatible APIs', async () => {
      const links = createLinkStore(d.db);
      for (let i = 1; i <= 5; i++)
        await links.insert(newLink(`o${i}`, { campaign: i % 2 ? 'Odd' : 'Even', title: i === 3 ? '50% off' : null }));
      expect((await links.list({ limit: 2, offset: 1 })).map((l) => l.slug)).toEqual(['o4', 'o3']);
      expect((await links.list({ limit: 2, offset: 1, campaign: 'Odd' })).map((l) => l.slug)).toEqual(['o3', 'o1']);
      expect(await links.list({ limit: 2, offset: 5 })).toEqual([]);
      expect(await links.count({})).toBe(5);
      expect(await links.count({ campaign: 'Odd' })).toBe(3);
      expect(await links.count({ q: '50%' })).toBe(1);
      expect(await links.count({ campaign: 'None' })).toBe(0);
    });

    it('updates and removes, saying when there was nothing to change', async () => {
      const links = createLinkStore(d.db);
      const link = await links.insert(newLink('edit'));
      expect(
        await links.update(link.id, { disabled: true, utm: { medium: 'email' }, updatedAt: T0 + 1 }),
      ).toMatchObject({
        disabled: true,
        utm: { medium: 'email' },
        updatedAt: T0 + 1,
      });
      expect(await links.update(link.id + 1000, { title: 'x' })).toBeNull();
      expect(await links.remove(link.id)).toBe(true);
      expect(await links.remove(link.id)).toBe(false);
      expect(await links.bySlug('edit')).toBeNull();
    });
  });

  describe('API keys and sessions', () => {
    it('finds keys by prefix, revokes once and counts the live ones', async () => {
      const keys = createApiKeyStore(d.db);
      const a = await keys.insert({
        name: 'a',
        prefix: 'AAAAAAAA',
        hash: 'h'.repeat(64),
        createdAt: T0,
        revokedAt: null,
        ...ADMIN_KEY,
      });
      await keys.insert({
        name: 'b',
        prefix: 'BBBBBBBB',
        hash: 'i'.repeat(64),
        createdAt: T0,
        revokedAt: null,
        ...ADMIN_KEY,
      });
      expect(await keys.byPrefix('AAAAAAAA')).toEqual(a);
      expect(await keys.byPrefix('aaaaaaaa')).toBeNull();
      expect(await keys.revoke(a.id, T0 + 1)).toBe(true);
      expect(await keys.revoke(a.id, T0 + 2)).toBe(false);
      expect(await keys.countActive()).toBe(1);
      expect((await keys.list()).map((k) => [k.name, k.revokedAt])).toEqual([
        ['a', T0 + 1],
        ['b', null],
      ]);
    });

    it('keeps scopes and campaigns, and moves lastUsedAt only when it is stale', async () => {
      const keys = createApiKeyStore(d.db);
      const k = await keys.insert({
        name: 'client',
        prefix: 'DDDDDDDD',
        hash: 'k'.repeat(64),
        createdAt: T0,
        revokedAt: null,
        scopes: ['links:read', 'analytics:read'],
        campaigns: ['Spring, 2026', 'Autumn'],
        lastUsedAt: null,
      });
      expect(await keys.byPrefix('DDDDDDDD')).toMatchObject({
        scopes: ['links:read', 'analytics:read'],
        campaigns: ['Spring, 2026', 'Autumn'],
        lastUsedAt: null,
      });
      await keys.touch(k.id, T0 + 1000, T0 + 1000 - 60_000);
      expect((await keys.byPrefix('DDDDDDDD'))!.lastUsedAt).toBe(T0 + 1000);
      // A second isolate, 30 s later, finds the record fresh and leaves it.
      await keys.touch(k.id, T0 + 31_000, T0 + 31_000 - 60_000);
      expect((await keys.byPrefix('DDDDDDDD'))!.lastUsedAt).toBe(T0 + 1000);
      await keys.touch(k.id, T0 + 61_000, T0 + 61_000 - 60_000);
      expect((await keys.byPrefix('DDDDDDDD'))!.lastUsedAt).toBe(T0 + 61_000);
    });

    it('keeps sessions with their key, and sweeps expired ones', async () => {
      const keys = createApiKeyStore(d.db);
      const sessions = createSessionStore(d.db);
      const key = await keys.insert({
        name: 'laptop',
        prefix: 'CCCCCCCC',
        hash: 'j'.repeat(64),
        createdAt: T0,
        revokedAt: null,
        ...ADMIN_KEY,
      });
      await sessions.insert({ tokenHash: 't1', apiKeyId: key.id, csrf: 'c1', createdAt: T0, expiresAt: T0 + HOUR });
      await sessions.insert({ tokenHash: 't2', apiKeyId: null, csrf: 'c2', createdAt: T0, expiresAt: T0 + 2 * HOUR });
      expect(await sessions.byTokenHash('t1')).toMatchObject({
        apiKeyId: key.id,
        key: { name: 'laptop', revokedAt: null },
      });
      expect(await sessions.byTokenHash('t2')).toMatchObject({ apiKeyId: null, key: null });
      expect(await sessions.removeExpired(T0 + HOUR)).toBe(1);
      expect(await sessions.byTokenHash('t1')).toBeNull();
      await sessions.remove('t2');
      expect(await sessions.byTokenHash('t2')).toBeNull();
    });
  });

  describe('visitor salts', () => {
    it('lets the first writer of a day win and prunes old days', async () => {
      const salts = createVisitorSaltStore(d.db, createSaltSealer('a-secret-for-store-contract-tests'));
      expect(await salts.saltFor('2026-03-10', 'first', T0)).toBe('first');
      expect(await salts.saltFor('2026-03-10', 'second', T0)).toBe('first');
      expect(await salts.saltFor('2026-03-08', 'old', T0)).toBe('old');
      await salts.pruneBefore('2026-03-09');
      expect(await salts.saltFor('2026-03-08', 'new', T0)).toBe('new');
    });

    it('stores salts only sealed, and starts a day over when the secret changed', async () => {
      const salts = createVisitorSaltStore(d.db, createSaltSealer('a-secret-for-store-contract-tests'));
      const salt = await salts.saltFor('2026-03-10', 'the-salt-in-clear-0123456789', T0);
      expect(salt).toBe('the-salt-in-clear-0123456789');
      const rows = (await d.db.all(sql`SELECT salt FROM visitor_salts`)) as { salt: string }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]!.salt).not.toContain(salt);
      expect(rows[0]!.salt).toMatch(/^v1\./);
      const rotated = createVisitorSaltStore(d.db, createSaltSealer('another-secret-for-contract-tests'));
      expect(await rotated.saltFor('2026-03-10', 'fresh-salt-after-rotation-00', T0)).toBe(
        'fresh-salt-after-rotation-00',
      );
      expect(await rotated.saltFor('2026-03-10', 'ignored', T0)).toBe('fresh-salt-after-rotation-00');
    });

    it('forgets which visitors were seen on pruned days, keeping the days after', async () => {
      const links = createLinkStore(d.db);
      const a = await links.insert(newLink('seen'));
      const day = 86_400_000;
      await d.clicks.insertBatch([newClick(a.id, T0 - 2 * day), newClick(a.id, T0 - day), newClick(a.id, T0)]);
      const seenDays = async () =>
        ((await d.db.all(sql`SELECT day FROM daily_visitors ORDER BY day`)) as { day: string }[]).map((r) => r.day);
      expect(await seenDays()).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
      await createVisitorSaltStore(d.db, createSaltSealer('a-secret-for-store-contract-tests')).pruneBefore(
        '2026-03-09',
      );
      expect(await seenDays()).toEqual(['2026-03-09', '2026-03-10']);
    });
  });

  describe('clicks', () => {
    it('writes a batch larger than one statement may carry, with counters, and lists it newest first', async () => {
      const links = createLinkStore(d.db);
      const a = await links.insert(newLink('a', { campaign: 'C', network: 'x' }));
      const b = await links.insert(newLink('b'));
      const batch = Array.from({ length: 45 }, (_, i) =>
        newClick(i % 3 === 0 ? b.id : a.id, T0 + i * 1000, {
          bot: i % 5 === 0,
          visitor: `v${i % 7}`.padEnd(32, '0'),
          qr: i === 1,
        }),
      );
      await d.clicks.insertBatch(batch);
      const all = await d.clicks.list({ bots: 'include', limit: 100 });
      expect(all).toHaveLength(45);
      expect(all[0]).toMatchObject({
        slug: 'a',
        clickedAt: T0 + 44_000,
        bot: false,
        country: 'NZ',
        city: 'Christchurch',
      });
      expect(all.map((c) => c.clickedAt)).toEqual([...all.map((c) => c.clickedAt)].sort((x, y) => y - x));
      expect(all.find((c) => c.qr)).toMatchObject({ slug: 'a', qr: true });
      const humansOn = (id: number) => batch.filter((c) => c.linkId === id && !c.bot).length;
      expect((await links.bySlug('a'))!.humanClicks).toBe(humansOn(a.id));
      expect((await links.bySlug('b'))!.humanClicks).toBe(humansOn(b.id));
    });

    it('filters by bots, post, campaign and time, and pages by id', async () => {
      const links = createLinkStore(d.db);
      const a = await links.insert(newLink('fa', { campaign: 'C', network: 'x' }));
      const b = await links.insert(newLink('fb', { campaign: 'D' }));
      await d.clicks.insertBatch([
        newClick(a.id, T0),
        newClick(a.id, T0 + HOUR, { bot: true }),
        newClick(b.id, T0 + 2 * HOUR),
        newClick(a.id, T0 + 3 * HOUR),
      ]);
      const list = (f: Partial<Parameters<ClickReader['list']>[0]>) =>
        d.clicks.list({ bots: 'include', limit: 100, ...f }).then((rows) => rows.map((r) => r.clickedAt - T0));
      expect(await list({ bots: 'exclude' })).toEqual([3 * HOUR, 2 * HOUR, 0]);
      expect(await list({ bots: 'only' })).toEqual([HOUR]);
      expect(await list({ slug: 'fb' })).toEqual([2 * HOUR]);
      expect(await list({ campaign: 'C', network: 'x' })).toEqual([3 * HOUR, HOUR, 0]);
      expect(await list({ from: T0 + HOUR, to: T0 + 3 * HOUR })).toEqual([2 * HOUR, HOUR]);
      const [newest] = await d.clicks.list({ bots: 'include', limit: 1 });
      expect(await list({ beforeId: newest!.id, limit: 2 })).toEqual([2 * HOUR, HOUR]);
    });

    it('writes a batch as one unit: one bad click leaves no click and no counter behind', async () => {
      const links = createLinkStore(d.db);
      const a = await links.insert(newLink('unit'));
      const batch = [
        newClick(a.id, T0),
        ...Array.from({ length: 20 }, (_, i) => newClick(a.id, T0 + i)),
        newClick(a.id + 999, T0),
      ];
      await expect(d.clicks.insertBatch(batch)).rejects.toThrow();
      expect(await d.clicks.list({ bots: 'include', limit: 100 })).toEqual([]);
      expect((await links.bySlug('unit'))!.humanClicks).toBe(0);
    });

    it('deletes a post’s clicks with the post', async () => {
      const links = createLinkStore(d.db);
      const a = await links.insert(newLink('gone'));
      const b = await links.insert(newLink('kept'));
      await d.clicks.insertBatch([newClick(a.id, T0), newClick(b.id, T0)]);
      await links.remove(a.id);
      expect((await d.clicks.list({ bots: 'include', limit: 10 })).map((c) => c.slug)).toEqual(['kept']);
    });

    it('counts clicks into the counters stats read, and takes a deleted post back out', async () => {
      const links = createLinkStore(d.db);
      const a = await links.insert(newLink('sa', { campaign: 'S' }));
      const b = await links.insert(newLink('sb', { campaign: 'S' }));
      const v = (n: number) => String(n).repeat(32);
      await d.clicks.insertBatch([
        newClick(a.id, T0, { visitor: v(1) }),
        newClick(a.id, T0 + 60_000, { visitor: v(1) }),
        newClick(a.id, T0 + 60_000, { visitor: v(2), bot: true }),
        newClick(b.id, T0 + 2 * HOUR, { visitor: v(3), country: 'FR', city: 'Paris' }),
      ]);
      const stats = createStatsStore(d.db);
      const [from, to] = [Date.parse('2026-03-10T00:00:00Z'), Date.parse('2026-03-11T00:00:00Z')];
      const perLink = async () =>
        (await stats.links({ campaigns: ['S'] }, from, to, 'exclude'))
          .map((l) => [l.link.slug, l.clicks, l.uniques])
          .sort();
      expect(await perLink()).toEqual([
        ['sa', 2, 1],
        ['sb', 1, 1],
      ]);
      const countries = (await stats.dimensions({}, from, to, 'include')).filter((c) => c.dim === 'country');
      expect(countries.map((c) => [c.value, c.clicks, c.uniques]).sort()).toEqual([
        ['FR', 1, 1],
        ['NZ', 3, 1],
      ]);
      const days = await stats.timeline({}, from, to, 1440);
      expect(days.map((p) => [p.bot, p.clicks, p.uniques]).sort()).toEqual([
        [false, 3, 2],
        [true, 1, 0],
      ]);

      await links.remove(a.id);
      expect(await perLink()).toEqual([['sb', 1, 1]]);
      const after = await stats.timeline({}, from, to, 1440);
      expect(after.filter((p) => p.clicks > 0).map((p) => [p.bot, p.clicks, p.uniques])).toEqual([[false, 1, 1]]);
    });

    it("moves a post's campaign counters with it when its campaign changes (triggers run on both drivers)", async () => {
      const links = createLinkStore(d.db);
      const a = await links.insert(newLink('ma', { campaign: 'Old' }));
      const b = await links.insert(newLink('mb', { campaign: 'Old' }));
      await d.clicks.insertBatch([
        newClick(a.id, T0, { source: 'x', visitor: '1'.repeat(32) }),
        newClick(b.id, T0, { source: 'reddit', visitor: '2'.repeat(32) }),
      ]);
      const stats = createStatsStore(d.db);
      const [from, to] = [Date.parse('2026-03-10T00:00:00Z'), Date.parse('2026-03-11T00:00:00Z')];
      const sources = async (campaign: string) =>
        (await stats.dimensions({ campaigns: [campaign] }, from, to, 'exclude'))
          .filter((r) => r.dim === 'source' && r.clicks > 0)
          .map((r) => [r.value, r.clicks, r.uniques])
          .sort();
      expect(await sources('Old')).toEqual([
        ['reddit', 1, 1],
        ['x', 1, 1],
      ]);
      await links.update(a.id, { campaign: 'New' });
      expect(await sources('Old')).toEqual([['reddit', 1, 1]]);
      expect(await sources('New')).toEqual([['x', 1, 1]]);
      await links.update(a.id, { campaign: null });
      expect(await sources('New')).toEqual([]);
      await links.remove(b.id);
      expect(await sources('Old')).toEqual([]);
    });

    it('reads values per post for reports, from day counters and from quarter-hour edges alike', async () => {
      const links = createLinkStore(d.db);
      const a = await links.insert(newLink('ra'));
      const b = await links.insert(newLink('rb'));
      await d.clicks.insertBatch([
        newClick(a.id, T0, { source: 'x', visitor: '1'.repeat(32) }),
        newClick(a.id, T0 + 60_000, { source: 'x', visitor: '1'.repeat(32) }),
        newClick(a.id, T0 + HOUR, { source: 'linkedin', country: 'FR', city: 'Paris', visitor: '2'.repeat(32) }),
        newClick(b.id, T0, { source: 'linkedin', bot: true }),
        newClick(b.id, T0 + 2 * HOUR, { source: 'reddit' }),
      ]);
      const stats = createStatsStore(d.db);
      const rows = async (from: number, to: number, scope = {}) =>
        (await stats.linkDimensions(scope, from, to, 'exclude', ['source', 'city']))
          .map((r) => [r.linkId === a.id ? 'ra' : 'rb', r.dim, r.value, r.clicks, r.uniques].join(' '))
          .sort();
      // A whole UTC day: read from the per-post day counters.
      expect(await rows(Date.parse('2026-03-10T00:00:00Z'), Date.parse('2026-03-11T00:00:00Z'))).toEqual([
        'ra city FR|Paris 1 1',
        'ra city NZ|Christchurch 2 1',
        'ra source linkedin 1 1',
        'ra source x 2 1',
        'rb city NZ|Christchurch 1 1',
        'rb source reddit 1 1',
      ]);
      // 12:15–13:15 starts and ends off the hour: read from click profiles.
      expect(await rows(T0 + HOUR / 4, T0 + HOUR + HOUR / 4)).toEqual([
        'ra city FR|Paris 1 1',
        'ra source linkedin 1 1',
      ]);
      // A click filter narrows every post's values.
      expect(
        await rows(Date.parse('2026-03-10T00:00:00Z'), Date.parse('2026-03-11T00:00:00Z'), { countries: ['NZ'] }),
      ).toEqual([
        'ra city NZ|Christchurch 2 1',
        'ra source x 2 1',
        'rb city NZ|Christchurch 1 1',
        'rb source reddit 1 1',
      ]);
    });

    it('marks every written click counted, after a batch and after a rebuild', async () => {
      const links = createLinkStore(d.db);
      const a = await links.insert(newLink('mark'));
      const progress = async () =>
        (await d.db.all(
          sql`SELECT id, through_click_id AS through, (SELECT max(id) FROM clicks) AS last FROM counter_progress`,
        )) as { id: number; through: number; last: number }[];
      await d.clicks.insertBatch(Array.from({ length: 7 }, (_, i) => newClick(a.id, T0 + i * 60_000)));
      const [afterBatch] = await progress();
      expect(afterBatch!.last).toBeGreaterThan(0);
      expect(await progress()).toEqual([{ id: 1, through: afterBatch!.last, last: afterBatch!.last }]);
      await d.clicks.insertBatch([newClick(a.id, T0 + HOUR)]);
      expect(await progress()).toEqual([{ id: 1, through: afterBatch!.last + 1, last: afterBatch!.last + 1 }]);

      // A mark left behind (as by a server that had not counted yet): the rebuild counts all, and says so.
      await d.db.run(sql`UPDATE counter_progress SET through_click_id = 0`);
      await createCounterStore(d.db, d.batch).rebuild();
      expect(await progress()).toEqual([{ id: 1, through: afterBatch!.last + 1, last: afterBatch!.last + 1 }]);
    });

    it('reads exports page by page in id order, and counts them', async () => {
      const links = createLinkStore(d.db);
      const a = await links.insert(newLink('exp', { title: 'Export me' }));
      await d.clicks.insertBatch(Array.from({ length: 5 }, (_, i) => newClick(a.id, T0 + i * HOUR, { bot: i === 4 })));
      const reader = createClickReader(d.db);
      const filter = { bots: 'exclude' as const };
      const first = await reader.page(filter, 0, 3);
      expect(first.map((r) => r.clickedAt - T0)).toEqual([0, HOUR, 2 * HOUR]);
      expect(first[0]).toMatchObject({ slug: 'exp', title: 'Export me', destination: 'https://example.com/exp' });
      expect((await reader.page(filter, first[2]!.id, 3)).map((r) => r.clickedAt - T0)).toEqual([3 * HOUR]);
      expect(await reader.count(filter)).toBe(4);
    });
  });

  describe('operations', () => {
    it('deletes at most `limit` counted clicks from before a time, never an uncounted one', async () => {
      const links = createLinkStore(d.db);
      const a = await links.insert(newLink('old'));
      await d.clicks.insertBatch(Array.from({ length: 10 }, (_, i) => newClick(a.id, T0 + i * HOUR)));
      const ids = (await d.clicks.list({ bots: 'include', limit: 100 })).map((c) => c.id).sort((x, y) => x - y);
      // Counted up to the 8th click: the 9th and 10th wait, as after a crash.
      await d.db.run(sql`UPDATE counter_progress SET through_click_id = ${ids[7]!} WHERE id = 1`);
      const pruner = createClickPruner(d.db);
      expect(await pruner.deleteBefore(T0 + 5 * HOUR, 3)).toBe(3);
      expect(await pruner.deleteBefore(T0 + 5 * HOUR, 3)).toBe(2);
      expect(await pruner.deleteBefore(T0 + 100 * HOUR, 100)).toBe(3);
      const left = (await d.clicks.list({ bots: 'include', limit: 100 }))
        .map((c) => c.clickedAt - T0)
        .sort((x, y) => x - y);
      expect(left).toEqual([8 * HOUR, 9 * HOUR]);
    });

    it("moves the links version on every change to a link's definition, not on click writes", async () => {
      await d.db.run(sql`INSERT INTO links_version (id, version) VALUES (1, 0)`);
      const versions = createLinkVersionReader(d.db);
      const links = createLinkStore(d.db);
      const a = await links.insert(newLink('v'));
      const afterInsert = await versions.current();
      expect(afterInsert).toBeGreaterThan(0);
      await d.clicks.insertBatch([newClick(a.id, T0), newClick(a.id, T0 + 1)]);
      expect(await versions.current()).toBe(afterInsert);
      await links.update(a.id, { disabled: true, updatedAt: T0 + 5 });
      const afterUpdate = await versions.current();
      expect(afterUpdate).toBeGreaterThan(afterInsert);
      await links.remove(a.id);
      expect(await versions.current()).toBeGreaterThan(afterUpdate);
    });
  });
});
