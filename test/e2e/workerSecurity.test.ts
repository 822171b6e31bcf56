/**
 * The security findings that apply to Workers, against `wrangler dev --local` with a local D1:
 * failed-sign-in limits shared through D1, visitor salts sealed under VISITOR_SECRET (the
 * recovery attack on a D1 export finds nothing), input rules, self-loops and headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSaltSealer } from '../../src/services/saltSeal.js';
import { recoverAddress } from '../support/recoveryAttack.js';
import { startWorkerProcess, TEST_VISITOR_SECRET, type WorkerProcess } from '../support/worker.js';

const ADMIN = 'admin-key-for-worker-security-e2e';
const UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

let worker: WorkerProcess;
beforeAll(async () => void (worker = await startWorkerProcess({ vars: { ADMIN_API_KEY: ADMIN } })), 120_000);
afterAll(() => worker?.stop(), 30_000);

const api = (path: string, init: RequestInit & { from?: string; key?: string } = {}) =>
  fetch(`${worker.url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${init.key ?? ADMIN}`,
      'content-type': 'application/json',
      'cf-connecting-ip': init.from ?? '198.51.100.1',
    },
  });

async function eventually<T>(probe: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('security on Workers', () => {
  it('blocks a guessing client after ten failures with 429 and Retry-After, and nobody else', async () => {
    const guess = () => api('/api/links', { from: '203.0.113.60', key: 'lp_AAAAAAAA_guessguessguessguessguess' });
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await guess()).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const blocked = await guess();
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await api('/api/links', { from: '203.0.113.60' })).status).toBe(429);
    expect((await api('/api/links', { from: '203.0.113.61' })).status).toBe(200);
    // D1 holds the block under a tag, never the address.
    const rows = (await worker.query('SELECT key FROM throttle'))[0]!;
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('203.0.113');
  }, 60_000);

  it('applies the input rules and the self-loop check, and marks API answers no-store without HSTS over http', async () => {
    const bad = await api('/api/links', {
      method: 'POST',
      body: JSON.stringify({ url: 'https://example.com/', postedAt: '2026-02-30' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toMatch(/^postedAt: 2026-02-30 is not a real date/);
    expect(
      (
        await api('/api/links', {
          method: 'POST',
          body: JSON.stringify({ url: 'https://example.com/', title: 'x\u202Ey' }),
        })
      ).status,
    ).toBe(400);
    expect((await api('/api/clicks?from=2026-02-30')).status).toBe(400);
    const port = new URL(worker.url).port;
    for (const url of [
      `http://LOCALHOST.:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://127.0.0.1.:${port}/`,
    ]) {
      expect((await api('/api/links', { method: 'POST', body: JSON.stringify({ url }) })).status, url).toBe(400);
    }
    const res = await api('/api/links');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('keeps visitor salts sealed in D1: the recovery attack on an export finds nothing without VISITOR_SECRET', async () => {
    expect(
      (
        await api('/api/links', {
          method: 'POST',
          body: JSON.stringify({ url: 'https://example.com/v', slug: 'victim' }),
        })
      ).status,
    ).toBe(201);
    const victim = '10.88.12.34';
    const hop = await fetch(`${worker.url}/victim`, {
      redirect: 'manual',
      headers: { 'user-agent': UA, 'cf-connecting-ip': victim },
    });
    expect(hop.status).toBe(302);
    const [clicks, salts] = await eventually(async () => {
      const [c, v] = await worker.query(
        "SELECT c.visitor, c.user_agent AS userAgent FROM clicks c JOIN links l ON l.id = c.link_id WHERE l.slug = 'victim'; SELECT day, salt FROM visitor_salts;",
      );
      return c!.length === 1 ? ([c!, v!] as const) : null;
    });
    const click = clicks[0] as { visitor: string; userAgent: string };
    const sealed = salts as { day: string; salt: string }[];
    expect(sealed.length).toBeGreaterThan(0);
    expect(
      recoverAddress(
        click,
        sealed.map((r) => r.salt),
        '10.88',
      ).address,
    ).toBeNull();

    // With the secret, the sealed salt opens and the same attack works: what the docs say.
    const sealer = createSaltSealer(TEST_VISITOR_SECRET);
    const opened = (await Promise.all(sealed.map((r) => sealer.open(r.day, r.salt)))).filter(
      (s): s is string => s !== null,
    );
    expect(opened).toHaveLength(sealed.length);
    expect(recoverAddress(click, opened, '10.88').address).toBe(victim);
  }, 60_000);
});
