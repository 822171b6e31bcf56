/**
 * Counting on the real server process: what a crash left uncounted is counted at start, once,
 * and clicks written just before SIGTERM are counted before it exits.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinkStore } from '../../src/db/index.js';
import { createCounterStore } from '../support/counterStore.js';
import type { NewClick } from '../../src/domain/index.js';
import { openDatabase, type NodeDatabase } from '../../src/node/sqlite.js';
import { createSqliteClickWriter } from '../../src/node/clicks/write.js';
import { tempDir } from '../support/app.js';
import { startServerProcess, type ServerProcess } from '../support/server.js';

const dir = tempDir('linkpost-e2e-counting-');
const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

const ADMIN = 'admin-key-for-e2e-tests-0001';
const T0 = Date.parse('2026-03-10T12:00:00Z');

async function start(databasePath: string) {
  const s = await startServerProcess({ DATABASE_PATH: databasePath, ADMIN_API_KEY: ADMIN });
  running.push(s);
  return s;
}

const api = (s: ServerProcess, path: string, init: RequestInit = {}) =>
  fetch(`${s.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers },
  });

const one = (database: NodeDatabase, sql: string) => database.sqlite.prepare(sql).pluck().get() as number;

/** Every counter row, sorted, without rows a delete left at zero. */
const dump = (database: NodeDatabase) =>
  ['counter_totals', 'counter_links', 'counter_profiles', 'counter_campaigns'].map((t) =>
    (database.sqlite.prepare(`SELECT * FROM ${t} WHERE clicks != 0`).all() as object[])
      .map((r) => JSON.stringify(r))
      .sort(),
  );

describe('counting on the real server', () => {
  it('counts at start the clicks a crash left uncounted, each once', async () => {
    const path = join(dir, 'crashed.db');
    const n = 1_234;
    const database = openDatabase(path);
    const link = await createLinkStore(database.db).insert({
      slug: 'crashed',
      url: 'https://example.com/',
      destination: 'https://example.com/',
      title: null,
      campaign: 'C',
      network: null,
      utm: {},
      postedAt: null,
      createdAt: T0,
      updatedAt: T0,
      disabled: false,
      expiresAt: null,
      maxClicks: null,
    });
    const clicks: NewClick[] = Array.from({ length: n }, (_, i) => ({
      linkId: link.id,
      clickedAt: T0 + i * 1_000,
      referrer: null,
      referrerHost: null,
      source: 'direct',
      device: 'desktop',
      os: null,
      browser: null,
      country: null,
      region: null,
      city: null,
      bot: i % 10 === 0,
      visitor: `v${i % 50}`.padEnd(32, '0'),
      qr: false,
      userAgent: null,
    }));
    // Written as the click thread writes them, never counted: the process died before its count.
    const store = createSqliteClickWriter(database);
    for (let i = 0; i < n; i += 500) await store.insertBatch(clicks.slice(i, i + 500));
    expect(one(database, 'SELECT through_click_id FROM counter_progress')).toBe(0);
    expect(one(database, 'SELECT count(*) FROM counter_totals')).toBe(0);
    database.close();
    const bots = clicks.filter((c) => c.bot).length;

    const s = await start(path);
    const totals = async () => {
      const res = await api(s, '/api/stats?from=2026-03-10&to=2026-03-11&tz=UTC');
      expect(res.status).toBe(200);
      return ((await res.json()) as { totals: { clicks: number; bots: number } }).totals;
    };
    let seen = await totals();
    for (let tries = 0; seen.clicks + seen.bots < n && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await totals();
    }
    expect(seen).toMatchObject({ clicks: n - bots, bots });
    // Still exactly n once the click thread has had time to count anything again.
    await new Promise((r) => setTimeout(r, 200));
    expect(await totals()).toMatchObject({ clicks: n - bots, bots });
    expect(await s.stop('SIGTERM')).toBe(0);

    const after = openDatabase(path);
    expect(one(after, 'SELECT through_click_id FROM counter_progress')).toBe(one(after, 'SELECT max(id) FROM clicks'));
    after.close();
  });

  it('counts the redirects answered right up to SIGTERM before it exits', async () => {
    const path = join(dir, 'stopped.db');
    const s = await start(path);
    const created = await api(s, '/api/links', {
      method: 'POST',
      body: JSON.stringify({ url: 'https://example.com/', slug: 'last', campaign: 'C' }),
    });
    expect(created.status).toBe(201);

    // Redirects still arriving when SIGTERM comes: the last clicks are written while stopping.
    let answered = 0;
    let stopping = false;
    const visitor = async (k: number) => {
      for (let i = 0; !stopping; i++) {
        try {
          const res = await fetch(`${s.url}/last`, {
            redirect: 'manual',
            headers: { referer: (i + k) % 2 ? 'https://t.co/x' : '' },
          });
          await res.arrayBuffer();
          if (res.status === 302) answered++;
        } catch {
          return; // the server no longer accepts
        }
      }
    };
    const visitors = Array.from({ length: 8 }, (_, k) => visitor(k));
    await new Promise((r) => setTimeout(r, 300));
    const code = await s.stop('SIGTERM');
    stopping = true;
    await Promise.all(visitors);
    expect(code).toBe(0);
    expect(answered).toBeGreaterThan(0);

    const database = openDatabase(path);
    const stored = one(database, 'SELECT count(*) FROM clicks');
    expect(stored).toBe(answered);
    expect(one(database, "SELECT sum(clicks) FROM counter_totals WHERE dim = 'all' AND grain = 1440")).toBe(stored);
    expect(
      one(
        database,
        "SELECT sum(clicks) FROM counter_campaigns WHERE campaign = 'C' AND dim = 'source' AND grain = 1440",
      ),
    ).toBe(stored);
    expect(one(database, 'SELECT through_click_id FROM counter_progress')).toBe(
      one(database, 'SELECT max(id) FROM clicks'),
    );
    const counted = dump(database);
    await createCounterStore(database.db, database.batch).rebuild();
    expect(dump(database)).toEqual(counted);
    database.close();
  });
});
