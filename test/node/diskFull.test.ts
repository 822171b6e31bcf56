/**
 * A full disk, for real: SQLite's max_page_count on a real file makes every write that needs
 * a new page fail with SQLITE_FULL, as a full file system does, and raising it is space coming
 * back. The app, the click writer and the click store are the server's own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeSaltStore } from '../../src/node/saltFiles.js';
import { NO_LOCATION, type Visit } from '../../src/domain/index.js';
import { createVisitQueue, type VisitQueue } from '../../src/node/clicks/queue.js';
import type { NodeDatabase } from '../../src/node/sqlite.js';
import { createSqliteClickWriter } from '../../src/node/clicks/write.js';
import { createStorageHealth } from '../../src/services/index.js';
import { recordClicks } from '../../src/services/recordClicks.js';
import { cachedUserAgents } from '../../src/services/userAgent.js';
import { createVisitorKeys } from '../../src/services/visitorKey.js';
import { makeTestApp, type TestApp } from '../support/app.js';
import { memoryLogger } from '../support/logs.js';

const ADDRESS = '198.51.100.77';
const WINDOW = 300;
const MAX_QUEUE = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const one = (database: NodeDatabase, sql: string) => database.sqlite.prepare(sql).pluck().get() as number;

/** Fills the disk: no write may take a page the file does not have yet, and the free ones are used up. */
function fill(database: NodeDatabase) {
  database.sqlite.exec('CREATE TABLE IF NOT EXISTS filler (x)');
  database.sqlite.pragma(`max_page_count = ${one(database, 'PRAGMA page_count')}`);
  try {
    for (;;) database.sqlite.prepare('INSERT INTO filler VALUES (randomblob(512))').run();
  } catch (err) {
    expect((err as { code?: string }).code).toBe('SQLITE_FULL');
  }
}
const makeRoom = (database: NodeDatabase) => database.sqlite.pragma('max_page_count = 1073741823');

let t: TestApp;
let writer: VisitQueue;
let attempts: { at: number; ok: boolean }[];
const logger = memoryLogger();

async function start() {
  attempts = [];
  t = await makeTestApp((database) => {
    const capture = {
      clicks: createSqliteClickWriter(database),
      geo: { locate: () => NO_LOCATION },
      describeUserAgent: cachedUserAgents(),
      visitorKey: createVisitorKeys(createNodeSaltStore(database)),
    };
    const storageHealth = createStorageHealth(Date.now);
    writer = createVisitQueue({
      // The click thread answers a batch a few milliseconds later, so redirects keep coming meanwhile.
      record: async (visits: Visit[]) => {
        const attempt = { at: Date.now(), ok: false };
        attempts.push(attempt);
        await sleep(5);
        await recordClicks(capture, visits);
        attempt.ok = true;
      },
      maxQueue: MAX_QUEUE,
      backoffMs: 25,
      maxBackoffMs: 200,
      logWindowMs: WINDOW,
      logger,
      onFailure: storageHealth.failed,
      onSuccess: storageHealth.succeeded,
    });
    return {
      tracking: { recorder: { record: (v) => writer.push(v) }, clock: Date.now, clientAddress: () => ADDRESS },
      storageHealth,
      clickQueue: () => ({ waiting: writer.stats().queued, dropped: writer.stats().dropped }),
      logger,
    };
  });
}

afterEach(() => {
  makeRoom(t.database);
  t.close();
});

async function health() {
  const res = await t.app.request('/healthz');
  return { status: res.status, body: await res.json() };
}

describe('a full disk', () => {
  it('keeps redirecting, counts every dropped click, holds the backoff under traffic, and writes the queue when space returns', async () => {
    await start();
    expect((await t.api('POST', '/api/links', { url: 'https://example.com/', slug: 'full' })).status).toBe(201);
    expect((await t.app.request('/full')).status).toBe(302);
    await writer.drain();
    expect(one(t.database, 'SELECT count(*) FROM clicks')).toBe(1);

    fill(t.database);
    // Steady traffic for 1.5 s while every write fails: a few redirects a millisecond, 8 at a time so a
    // busy machine (load average 16 gave 456 in 4 at a time) still fills the queue and drops some.
    const answered: number[] = [];
    const until = Date.now() + 1_500;
    while (Date.now() < until) {
      const res = await Promise.all(Array.from({ length: 8 }, () => t.app.request('/full')));
      answered.push(...res.map((r) => r.status));
      await sleep(1);
    }
    expect(answered.every((s) => s === 302)).toBe(true);
    const sent = answered.length;
    expect(sent).toBeGreaterThan(MAX_QUEUE + 100);

    // A few clicks may still fit on the last page; after that every write fails, and the tries
    // back off 25, 50, 100, 200, 200… ms whatever the traffic: about ten in 1.5 s, not one per flush.
    const failed = attempts.slice(attempts.findLastIndex((a) => a.ok) + 1);
    expect(failed.length).toBeGreaterThanOrEqual(4);
    expect(failed.length).toBeLessThanOrEqual(14);
    failed
      .slice(1)
      .forEach((a, i) => expect(a.at - failed[i]!.at).toBeGreaterThanOrEqual(Math.min(200, 25 * 2 ** i) - 2));

    const { written } = writer.stats();
    expect(written).toBeLessThan(200);
    const dropped = sent + 1 - written - MAX_QUEUE;
    expect(writer.stats()).toEqual({ queued: MAX_QUEUE, written, dropped });
    expect(one(t.database, 'SELECT count(*) FROM clicks')).toBe(written);
    const h = await health();
    expect(h).toEqual({
      status: 503,
      body: { ok: false, storage: 'degraded', queue: { waiting: MAX_QUEUE, dropped } },
    });

    // The drop count in the log is exact: the first drop, then the running total once per window.
    await sleep(WINDOW + 50);
    const drops = logger.lines.filter((l) => l.message.startsWith('click queue full'));
    expect(drops[0]!.fields.dropped).toBe(1);
    expect(drops.at(-1)!.fields.dropped).toBe(dropped);
    expect(drops.length).toBeLessThanOrEqual(2 + Math.ceil(1_900 / WINDOW));
    const failures = logger.lines.filter((l) => l.message.startsWith('click write failed'));
    expect(failures.length).toBeLessThanOrEqual(2 + Math.ceil(1_900 / WINDOW));
    // One stack, at the first failure; the summaries carry the message only.
    expect(failures.filter((l) => l.fields.err !== undefined)).toHaveLength(1);
    expect(failures.slice(1).every((l) => /full/.test(String(l.fields.error)))).toBe(true);

    // Space comes back: the queue is written within the backoff, the API writes again.
    makeRoom(t.database);
    for (let waited = 0; writer.stats().queued > 0 && waited < 2_000; waited += 20) await sleep(20);
    expect(writer.stats()).toEqual({ queued: 0, written: written + MAX_QUEUE, dropped });
    expect(one(t.database, 'SELECT count(*) FROM clicks')).toBe(written + MAX_QUEUE);
    expect(one(t.database, 'SELECT count(*) FROM clicks') + dropped).toBe(sent + 1);
    expect(await health()).toEqual({ status: 200, body: { ok: true, storage: 'ok', queue: { waiting: 0, dropped } } });
    expect((await t.api('POST', '/api/links', { url: 'https://example.com/b', slug: 'second' })).status).toBe(201);
    expect(logger.messages()).toContain('click writes work again');

    expect(JSON.stringify(logger.lines)).not.toContain(ADDRESS);
    expect(JSON.stringify(logger.lines)).not.toContain(t.key);
  });

  it('answers 503 storage_unavailable to every API write, changes nothing, and turns /healthz to 503 until a write works', async () => {
    await start();
    expect((await t.api('POST', '/api/links', { url: 'https://example.com/', slug: 'kept' })).status).toBe(201);
    // A full disk, every page of links and its indexes too: what it holds must survive every refused write.
    fill(t.database);
    try {
      for (let i = 0; ; i++) {
        t.database.sqlite
          .prepare(
            "INSERT INTO links (slug, url, destination, created_at, updated_at) VALUES (?, 'https://example.com/', 'https://example.com/', 0, 0)",
          )
          .run(`filler-${i}`);
      }
    } catch (err) {
      expect((err as { code?: string }).code).toBe('SQLITE_FULL');
    }
    const before = t.database.sqlite.prepare('SELECT * FROM links').all();
    const writes: [string, string, unknown][] = [
      ['POST', '/api/links', { url: 'https://example.com/new', slug: 'new-one', title: 'x'.repeat(200) }],
      ['POST', '/api/links', { url: 'https://example.com/new', campaign: 'Spring Launch', network: 'x' }],
    ];
    for (const [method, path, body] of writes) {
      const res = await t.api(method, path, body);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable');
    }
    expect(t.database.sqlite.prepare('SELECT * FROM links').all()).toEqual(before);
    expect((await health()).body).toMatchObject({ ok: false, storage: 'degraded' });
    // Reads still answer.
    expect((await t.api('GET', '/api/links')).status).toBe(200);
    makeRoom(t.database);
    expect((await t.api('POST', '/api/links', { url: 'https://example.com/new', slug: 'new-one' })).status).toBe(201);
    expect((await health()).status).toBe(200);
  });
});
