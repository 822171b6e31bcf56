/**
 * D1 statements per click on the Worker's two click paths, under `wrangler dev --local` with the
 * entry wrapped by test/support/countingWorker.ts (which counts what reaches D1, nothing else).
 * Queue path (wrangler.toml's): a queue message carries the visits an isolate gathered during
 * its previous send, and each queue batch is one D1 write of a fixed few statements, so a
 * click costs well under the 0.1 statements issue 23 asks for. Direct path (no queue): each
 * write costs the same few statements however many visits it carries, and visits that arrive
 * during a write share the next one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UA } from '../support/capture.js';
import { productHasQueue, startWorkerProcess, type WorkerProcess } from '../support/worker.js';

const ADMIN = 'admin-key-for-statements-e2e-01';
/** Clients sending at once, as in `npm run bench:worker`. */
const CONCURRENCY = 20;
/** What one write of visits costs: the day's known visitors read, then clicks, visitors, nine counter tables. */
const STATEMENTS_PER_WRITE = 12;
/** Issue 23's bound on the queue path. */
const QUEUE_STATEMENTS_PER_CLICK = 0.1;

interface Tally {
  statements: number;
  batches: number;
  largestBatch: number;
  linkReads: number;
  queueBatches: number;
  queueMessages: number;
  queuedVisits: number;
  bySql: Record<string, number>;
}

const tally = async (worker: WorkerProcess, reset = false): Promise<Tally> =>
  (await fetch(`${worker.url}/__d1-statements${reset ? '?reset' : ''}`)).json() as Promise<Tally>;

async function createLink(worker: WorkerProcess, slug: string) {
  const res = await fetch(`${worker.url}/api/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `https://example.com/${slug}`, slug, network: 'linkedin', campaign: 'Statements' }),
  });
  expect(res.status).toBe(201);
}

/** `count` redirects of one slug, each from its own visitor (198.18.0.0/15), CONCURRENCY at a time. */
async function click(worker: WorkerProcess, slug: string, first: number, count: number) {
  let next = first;
  const statuses: number[] = [];
  const client = async () => {
    while (next < first + count) {
      const i = next++;
      const res = await fetch(`${worker.url}/${slug}`, {
        redirect: 'manual',
        headers: {
          'user-agent': UA.chromeDesktop,
          'cf-connecting-ip': `198.18.${i >> 8}.${i & 255}`,
          referer: 'https://www.linkedin.com/',
        },
      });
      await res.body?.cancel();
      statuses.push(res.status);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  return statuses;
}

/** Clicks stored, through wrangler's d1 execute (not the Worker, so not counted). */
const stored = async (worker: WorkerProcess) =>
  Number((await worker.query('SELECT count(*) AS n FROM clicks'))[0]![0]!.n);

/** Waits for `n` stored clicks: the queue consumer and waitUntil writes finish after the answers. */
async function storedReaching(worker: WorkerProcess, n: number) {
  const until = Date.now() + 60_000;
  let now = await stored(worker);
  while (now < n && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    now = await stored(worker);
  }
  return now;
}

/** Statements per click of the click writes: all of them but the reads of links. */
const writesPerClick = (t: Tally, clicks: number) => (t.statements - t.linkReads) / clicks;

describe('D1 statements per click on the queue path (wrangler.toml)', () => {
  let worker: WorkerProcess;
  beforeAll(async () => {
    expect(productHasQueue()).toBe(true);
    // Batches close after 5 s rather than 1 s, so their count depends less on this machine's speed.
    worker = await startWorkerProcess({
      vars: { ADMIN_API_KEY: ADMIN },
      main: 'test/support/countingWorker.ts',
      queueBatchSeconds: 5,
    });
  }, 120_000);
  afterAll(() => worker?.stop(), 30_000);

  it('writes 2,000 clicks from distinct visitors with at most 0.1 statements per click', async () => {
    await createLink(worker, 'queued');
    // A first batch: the link is cached and the day's visitor salt is known.
    expect(await click(worker, 'queued', 0, 100)).toEqual(Array(100).fill(302));
    expect(await storedReaching(worker, 100)).toBe(100);
    await tally(worker, true);

    const statuses = await click(worker, 'queued', 100, 2000);
    expect(statuses.filter((s) => s === 302)).toHaveLength(2000);
    expect(await storedReaching(worker, 2100)).toBe(2100);
    const t = await tally(worker);

    // Every click went through the queue, messages carrying several each.
    expect(t.queuedVisits, JSON.stringify(t)).toBe(2000);
    expect(t.queueMessages).toBeLessThan(t.queuedVisits);
    // One D1 batch per queue batch, its size fixed: a statement per click would make it grow.
    expect(t.batches).toBe(t.queueBatches);
    expect(t.largestBatch).toBeLessThanOrEqual(STATEMENTS_PER_WRITE);
    // The link reads (cache refreshes, the version check) come with time, not with clicks:
    // npm run bench:worker reports them with the rest.
    expect(writesPerClick(t, 2000), JSON.stringify(t)).toBeLessThanOrEqual(QUEUE_STATEMENTS_PER_CLICK);
    // The link's counter agrees with the raw clicks.
    const res = await fetch(`${worker.url}/api/links/queued`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(((await res.json()) as { clicks: number }).clicks).toBe(2100);
    console.log(`queue path: ${JSON.stringify({ ...t, bySql: undefined })}`);
  }, 180_000);
});

describe('D1 statements per click on the direct path (no queue)', () => {
  let worker: WorkerProcess;
  beforeAll(async () => {
    worker = await startWorkerProcess({
      vars: { ADMIN_API_KEY: ADMIN },
      main: 'test/support/countingWorker.ts',
      queue: false,
    });
  }, 120_000);
  afterAll(() => worker?.stop(), 30_000);

  it('groups the clicks that arrive during a write, at a fixed cost per write', async () => {
    await createLink(worker, 'direct');
    expect(await click(worker, 'direct', 0, 1)).toEqual([302]);
    expect(await storedReaching(worker, 1)).toBe(1);
    await tally(worker, true);

    const statuses = await click(worker, 'direct', 1, 1000);
    expect(statuses.filter((s) => s === 302)).toHaveLength(1000);
    expect(await storedReaching(worker, 1001)).toBe(1001);
    const t = await tally(worker);

    expect(t.queueBatches).toBe(0);
    // Every write is one D1 batch of the same statements, however many visits it carries.
    expect(t.largestBatch).toBeLessThanOrEqual(STATEMENTS_PER_WRITE);
    expect(t.statements - t.linkReads).toBeLessThanOrEqual(STATEMENTS_PER_WRITE * t.batches);
    // With 20 clients at once, writes carry several visits each (group commit).
    expect(writesPerClick(t, 1000), JSON.stringify(t)).toBeLessThanOrEqual(3);
  }, 180_000);
});
