/**
 * Scoped and campaign-limited keys on Workers (`wrangler dev --local`, a local D1 with the
 * migrations applied as an operator would): /api/keys, forbidden_scope, campaign limits on
 * links, stats, CSVs and a compatible API, last-used in D1, and old keys as admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerProcess, type WorkerProcess } from '../support/worker.js';

const ADMIN = 'admin-key-for-worker-keys-e2e-0001';
const UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

let worker: WorkerProcess;
beforeAll(async () => void (worker = await startWorkerProcess({ vars: { ADMIN_API_KEY: ADMIN } })), 120_000);
afterAll(() => worker?.stop(), 30_000);

async function call(key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${worker.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      'cf-connecting-ip': '198.51.100.7',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // CSV
  }
  return { status: res.status, text, json };
}

async function eventually<T>(probe: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('scoped keys on Workers', () => {
  it('limits a key to its scopes and campaigns on every read path, and records its last use', async () => {
    for (const [slug, campaign] of [
      ['w-au', 'Autumn'],
      ['w-sp', 'Spring'],
    ]) {
      expect(
        (
          await call(ADMIN, 'POST', '/api/links', {
            url: `https://example.com/${slug}`,
            slug,
            campaign,
            network: 'linkedin',
          })
        ).status,
      ).toBe(201);
    }
    for (const slug of ['w-au', 'w-sp', 'w-sp']) {
      expect((await fetch(`${worker.url}/${slug}`, { redirect: 'manual', headers: { 'user-agent': UA } })).status).toBe(
        302,
      );
    }
    await eventually(async () => ((await call(ADMIN, 'GET', '/api/stats')).json.totals.clicks === 3 ? true : null));

    const made = await call(ADMIN, 'POST', '/api/keys', {
      name: 'Autumn client',
      scopes: ['links:read', 'analytics:read', 'export'],
      campaigns: ['Autumn'],
    });
    expect(made.status).toBe(201);
    const key = made.json.key as string;
    expect((await call(ADMIN, 'GET', '/api/keys')).text).not.toContain(key);

    const links = await call(key, 'GET', '/api/links');
    expect(links.json.links.map((l: any) => l.slug)).toEqual(['w-au']);
    expect((await call(key, 'GET', '/api/links/w-sp')).status).toBe(404);
    const stats = await call(key, 'GET', '/api/stats');
    expect(stats.json.totals.clicks).toBe(1);
    expect(stats.json).toEqual((await call(ADMIN, 'GET', '/api/stats?campaign=Autumn')).json);
    expect((await call(key, 'GET', '/api/stats?campaign=Spring')).json.totals.clicks).toBe(0);
    expect((await call(key, 'GET', '/api/campaigns')).json.campaigns.map((c: any) => c.campaign)).toEqual(['Autumn']);
    const csv = await call(key, 'GET', '/api/clicks.csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('w-au');
    expect(csv.text).not.toContain('w-sp');
    expect((await call(key, 'GET', '/api/stats.csv')).text).not.toContain('w-sp');
    const shlink = await call('', 'GET', '/compat/shlink/rest/v3/short-urls', undefined, {
      'x-api-key': key,
      authorization: '',
    });
    expect(shlink.json.shortUrls.data.map((l: any) => l.shortCode)).toEqual(['w-au']);

    const write = await call(key, 'POST', '/api/links', { url: 'https://example.com/x', campaign: 'Autumn' });
    expect(write.status).toBe(403);
    expect(write.json.error.code).toBe('forbidden_scope');
    expect((await call(key, 'GET', '/api/keys')).status).toBe(403);

    const [rows] = await worker.query(
      `SELECT last_used_at, scopes, campaigns FROM api_keys WHERE name = 'Autumn client'`,
    );
    expect(rows![0]!.last_used_at).toEqual(expect.any(Number));
    expect(JSON.parse(rows![0]!.campaigns as string)).toEqual(['Autumn']);

    expect((await call(ADMIN, 'DELETE', `/api/keys/${made.json.id}`)).status).toBe(204);
    expect((await call(key, 'GET', '/api/links')).status).toBe(401);
  }, 90_000);

  it('treats a key stored before scopes existed as admin', async () => {
    // A row as migration 0011 finds it: no scopes written, so the column's default applies.
    await worker.query(
      `INSERT INTO api_keys (name, prefix, hash, created_at) VALUES ('old', 'OLDKEY00', '${'0'.repeat(64)}', 0)`,
    );
    const [rows] = await worker.query(`SELECT scopes, campaigns FROM api_keys WHERE prefix = 'OLDKEY00'`);
    expect(rows![0]).toEqual({ scopes: '["admin"]', campaigns: null });
    const listed = (await call(ADMIN, 'GET', '/api/keys')).json.keys.find((k: any) => k.name === 'old');
    expect(listed).toMatchObject({ scopes: ['admin'], campaigns: null });
  }, 60_000);
});
