import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeys } from '../../src/db/schema.js';
import type { ApiKeyStore } from '../../src/domain/index.js';
import { makeTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let touches: number;
beforeEach(async () => {
  t = await makeTestApp();
  // The real store, counting the last-used writes it is asked for.
  const store = t.deps.apiKeys;
  touches = 0;
  t.deps.apiKeys = {
    ...store,
    touch: (...args: Parameters<ApiKeyStore['touch']>) => (touches++, store.touch(...args)),
  };
});
afterEach(() => t.close());

const json = async (res: Response) => (await res.json()) as any;
const ADMIN = 'admin-key-for-tests-only';
const as = (key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  t.app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('/api/keys', () => {
  it('creates a key shown once, lists keys without secrets and revokes them', async () => {
    const made = await as(ADMIN, 'POST', '/api/keys', {
      name: 'Client A',
      scopes: ['links:read', 'analytics:read'],
      campaigns: ['Spring, 2026'],
    });
    expect(made.status).toBe(201);
    const body = await json(made);
    expect(body).toEqual({
      id: expect.any(Number),
      key: expect.stringMatching(/^lp_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/),
      name: 'Client A',
      prefix: body.key.slice(0, 12),
      scopes: ['links:read', 'analytics:read'],
      campaigns: ['Spring, 2026'],
      createdAt: new Date(t.clock()).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
    const list = await as(ADMIN, 'GET', '/api/keys');
    const text = await list.text();
    expect(text).not.toContain(body.key);
    const stored = await t.database.db.select().from(apiKeys);
    for (const row of stored) expect(text).not.toContain(row.hash);
    expect(JSON.parse(text).keys.map((k: { name: string }) => k.name)).toEqual(['test', 'Client A']);

    expect((await as(body.key, 'GET', '/api/links')).status).toBe(200);
    expect((await as(ADMIN, 'DELETE', `/api/keys/${body.id}`)).status).toBe(204);
    expect((await as(body.key, 'GET', '/api/links')).status).toBe(401);
    expect((await as(ADMIN, 'DELETE', `/api/keys/${body.id}`)).status).toBe(404);
    expect((await as(ADMIN, 'DELETE', '/api/keys/abc')).status).toBe(400);
  });

  it('refuses bad input with 400', async () => {
    const cases: [unknown, RegExp][] = [
      [{ name: 'x', scopes: ['everything'] }, /scopes/],
      [{ name: 'x', scopes: [] }, /at least one scope/],
      [{ name: 'x', scopes: ['admin'], campaigns: ['Spring'] }, /admin key sees every campaign/],
      [{ name: '', scopes: ['links:read'] }, /name/],
      [{ name: 'x', scopes: ['links:read'], campaigns: [] }, /campaigns/],
      [{ name: 'x', scopes: ['links:read'], extra: 1 }, /extra/],
    ];
    for (const [input, message] of cases) {
      const res = await as(ADMIN, 'POST', '/api/keys', input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect((await json(res)).error.message).toMatch(message);
    }
  });

  it('is for admin keys only: others get 403 forbidden_scope and cannot raise themselves', async () => {
    const reader = (
      await json(
        await as(ADMIN, 'POST', '/api/keys', {
          name: 'r',
          scopes: ['links:read', 'links:write', 'analytics:read', 'export'],
        }),
      )
    ).key;
    for (const [method, path] of [
      ['GET', '/api/keys'],
      ['POST', '/api/keys'],
      ['DELETE', '/api/keys/1'],
    ] as const) {
      const res = await as(reader, method, path, method === 'POST' ? { name: 'mine', scopes: ['admin'] } : undefined);
      expect(res.status).toBe(403);
      expect((await json(res)).error.code).toBe('forbidden_scope');
    }
    expect((await json(await as(ADMIN, 'GET', '/api/keys'))).keys).toHaveLength(2);
  });

  it('records when a key was last used, at most one write a minute', async () => {
    const made = await json(await as(ADMIN, 'POST', '/api/keys', { name: 'busy', scopes: ['links:read'] }));
    const lastUsed = async () =>
      (await json(await as(ADMIN, 'GET', '/api/keys'))).keys.find((k: { id: number }) => k.id === made.id).lastUsedAt;
    const start = t.clock();
    touches = 0;
    for (let i = 0; i < 20; i++) {
      expect((await as(made.key, 'GET', '/api/links')).status).toBe(200);
      t.clock.advance(2_000);
    }
    expect(touches).toBe(1);
    expect(await lastUsed()).toBe(new Date(start).toISOString());
    t.clock.set(start + 60_000);
    await as(made.key, 'GET', '/api/links');
    expect(touches).toBe(2);
    expect(await lastUsed()).toBe(new Date(start + 60_000).toISOString());
  });
});

describe('dashboard sessions', () => {
  it("carry their key's scopes and campaigns, as they are now", async () => {
    await as(ADMIN, 'POST', '/api/links', { url: 'https://example.com/a', slug: 'a', campaign: 'Mine' });
    await as(ADMIN, 'POST', '/api/links', { url: 'https://example.com/b', slug: 'b', campaign: 'Theirs' });
    const made = await json(
      await as(ADMIN, 'POST', '/api/keys', {
        name: 'client',
        scopes: ['links:read', 'analytics:read'],
        campaigns: ['Mine'],
      }),
    );
    const signIn = await t.app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: made.key }),
    });
    const session = await json(signIn);
    expect(session).toMatchObject({ scopes: ['links:read', 'analytics:read'], campaigns: ['Mine'] });
    const cookie = /lp_session=[^;]*/.exec(signIn.headers.get('set-cookie')!)![0];
    const browser = (method: string, path: string, body?: unknown) =>
      t.app.request(path, {
        method,
        headers: { cookie, 'x-csrf-token': session.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    expect((await json(await browser('GET', '/api/links'))).links.map((l: { slug: string }) => l.slug)).toEqual(['a']);
    expect((await browser('GET', '/api/links/b')).status).toBe(404);
    expect((await browser('GET', '/api/keys')).status).toBe(403);
    expect((await browser('POST', '/api/links', { url: 'https://example.com/c', campaign: 'Mine' })).status).toBe(403);
    expect((await json(await browser('GET', '/api/session'))).campaigns).toEqual(['Mine']);
  });
});
