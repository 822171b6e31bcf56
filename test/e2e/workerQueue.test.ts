/**
 * The Worker's queue path under `wrangler dev --local`: with a CLICKS_QUEUE binding, redirects
 * enqueue visits and the queue() consumer writes them to the local D1 in batches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UA } from '../support/capture.js';
import { startWorkerProcess, TEST_CF, type WorkerProcess } from '../support/worker.js';

const ADMIN = 'admin-key-for-queue-e2e-00001';
const ADDRESSES = ['81.2.69.170', '203.0.113.71', '2001:db8::71'];

let worker: WorkerProcess;
beforeAll(async () => {
  worker = await startWorkerProcess({ vars: { ADMIN_API_KEY: ADMIN }, queue: true });
}, 120_000);
afterAll(() => worker?.stop(), 30_000);

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${worker.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function clicksOf(slug: string, n: number) {
  const until = Date.now() + 20_000;
  for (;;) {
    const { clicks } = (await (await api('GET', `/api/clicks?slug=${slug}`)).json()) as {
      clicks: Record<string, unknown>[];
    };
    if (clicks.length >= n || Date.now() > until) return clicks;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the Worker with a click queue', () => {
  it('enqueues visits on redirect and writes them in batches from the consumer', async () => {
    expect(
      (await api('POST', '/api/links', { url: 'https://example.com/queued', slug: 'queued', network: 'x' })).status,
    ).toBe(201);
    const hops = await Promise.all(
      [...ADDRESSES, ADDRESSES[0]!].map((address) =>
        fetch(`${worker.url}/queued`, {
          redirect: 'manual',
          headers: { 'user-agent': UA.safariIphone, 'cf-connecting-ip': address, referer: 'https://t.co/x1' },
        }),
      ),
    );
    expect(hops.map((h) => h.status)).toEqual([302, 302, 302, 302]);

    const clicks = await clicksOf('queued', 4);
    expect(clicks).toHaveLength(4);
    for (const click of clicks) {
      expect(click).toMatchObject({
        source: 'x',
        device: 'mobile',
        bot: false,
        country: TEST_CF.country,
        region: TEST_CF.region,
        city: TEST_CF.city,
      });
    }
    // Three people, one of whom came back.
    expect(new Set(clicks.map((c) => c.visitor)).size).toBe(3);
    expect(((await (await api('GET', '/api/links/queued')).json()) as { clicks: number }).clicks).toBe(4);
    // wrangler logs each consumer invocation; the clicks went through the queue, not waitUntil writes.
    expect(worker.output()).toMatch(/QUEUE linkpost-clicks(-test)? \d+\/\d+/);
  });

  it('keeps addresses inside queue messages only: D1 holds none', async () => {
    expect((await api('POST', '/api/links', { url: 'https://example.com/private', slug: 'private' })).status).toBe(201);
    for (const address of ADDRESSES) {
      await fetch(`${worker.url}/private`, {
        redirect: 'manual',
        headers: { 'user-agent': UA.chromeDesktop, 'cf-connecting-ip': address },
      });
    }
    expect(await clicksOf('private', ADDRESSES.length)).toHaveLength(ADDRESSES.length);
    const tables = await worker.query(
      'SELECT * FROM clicks; SELECT * FROM daily_visitors; SELECT * FROM visitor_salts;',
    );
    expect(tables[0]!.length).toBeGreaterThanOrEqual(ADDRESSES.length);
    const stored = JSON.stringify(tables);
    for (const address of ADDRESSES) expect(stored).not.toContain(address);
  });
});
