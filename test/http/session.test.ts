import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessions } from '../../src/db/index.js';
import { SESSION_TTL_MS } from '../../src/domain/session.js';
import { revokeApiKey, sha256Hex } from '../../src/services/index.js';
import { makeTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeEach(async () => void (t = await makeTestApp()));
afterEach(() => t.close());

const json = async (res: Response) => (await res.json()) as any;
const DAY = 24 * 60 * 60 * 1000;

/** Signs in through the API and returns what a browser would keep. */
async function signIn(key = t.key) {
  const res = await t.app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const token = /lp_session=([^;]*)/.exec(setCookie)?.[1] ?? '';
  return { res, setCookie, token, cookie: `lp_session=${token}`, body: await json(res) };
}

/** A request as the dashboard sends it: the cookie, never a Bearer key. */
function browser(method: string, path: string, cookie: string, headers: Record<string, string> = {}, body?: unknown) {
  return t.app.request(path, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('POST /api/session', () => {
  it('exchanges a valid key for an HttpOnly, SameSite=Strict cookie and a CSRF token', async () => {
    const s = await signIn();
    expect(s.res.status).toBe(201);
    expect(s.setCookie).toMatch(/HttpOnly/);
    expect(s.setCookie).toMatch(/SameSite=Strict/);
    expect(s.setCookie).toMatch(/Path=\//);
    expect(s.setCookie).not.toMatch(/Secure/); // plain http on loopback must still sign in
    expect(new Date(/Expires=([^;]+)/.exec(s.setCookie)![1]!).getTime()).toBe(
      Math.floor((t.clock() + SESSION_TTL_MS) / 1000) * 1000,
    );
    expect(s.token).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(s.body).toEqual({
      signedIn: true,
      csrfToken: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      expiresAt: new Date(t.clock() + SESSION_TTL_MS).toISOString(),
      principal: { kind: 'key', name: 'test' },
      scopes: ['admin'],
      campaigns: null,
    });
    expect(s.res.headers.get('cache-control')).toBe('no-store');
  });

  it('stores only the hash of the cookie token, never the token', async () => {
    const s = await signIn();
    const rows = await t.database.db.select().from(sessions);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(await sha256Hex(s.token));
    expect(JSON.stringify(rows)).not.toContain(s.token);
  });

  it('accepts ADMIN_API_KEY too', async () => {
    const s = await signIn('admin-key-for-tests-only');
    expect(s.res.status).toBe(201);
    expect(s.body.principal).toEqual({ kind: 'admin', name: 'ADMIN_API_KEY' });
    expect((await browser('GET', '/api/links', s.cookie)).status).toBe(200);
  });

  it('refuses a wrong key with 401 and sets no cookie', async () => {
    const s = await signIn('lp_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB');
    expect(s.res.status).toBe(401);
    expect(s.setCookie).toBe('');
    expect(s.body.error.code).toBe('unauthorized');
  });

  it.each([[{}], [{ key: '   ' }], [{ key: 'x', extra: 1 }]])('answers 400 for %j', async (body) => {
    const res = await t.app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('invalid_input');
  });

  it('refuses a form post, so another site cannot sign a browser in', async () => {
    const res = await t.app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `key=${t.key}`,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('marks the cookie Secure when the server is public over https', async () => {
    const secure = await makeTestApp({ publicUrl: 'https://go.example.com' });
    try {
      const res = await secure.app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: secure.key }),
      });
      expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    } finally {
      secure.close();
    }
  });

  it('answers 503 when the server was built without a session store', async () => {
    const bare = await makeTestApp({ sessions: undefined });
    try {
      const res = await bare.app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: bare.key }),
      });
      expect(res.status).toBe(503);
      expect((await json(res)).error.code).toBe('sessions_unavailable');
      expect((await bare.api('GET', '/api/links')).status).toBe(200);
    } finally {
      bare.close();
    }
  });
});

describe('GET /api/session', () => {
  it('says signed out without a cookie', async () => {
    const res = await t.app.request('/api/session');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ signedIn: false });
  });

  it('gives a reloaded page its CSRF token back', async () => {
    const s = await signIn();
    const res = await browser('GET', '/api/session', s.cookie);
    expect(await json(res)).toMatchObject({ signedIn: true, csrfToken: s.body.csrfToken });
  });

  it('says signed out, and clears the cookie, for an unknown token', async () => {
    const res = await browser('GET', '/api/session', 'lp_session=forged');
    expect(await json(res)).toEqual({ signedIn: false });
    expect(res.headers.get('set-cookie')).toMatch(/lp_session=;.*Max-Age=0/);
  });
});

describe('the API with a session cookie', () => {
  it('lets the cookie read without a CSRF token', async () => {
    const s = await signIn();
    const res = await browser('GET', '/api/links', s.cookie);
    expect(res.status).toBe(200);
  });

  it.each([
    ['POST', '/api/links', { url: 'https://example.com' }],
    ['PATCH', '/api/links/seeded', { disabled: true }],
    ['DELETE', '/api/links/seeded', undefined],
  ])('refuses a cookie %s without the CSRF header with 403', async (method, path, body) => {
    await t.api('POST', '/api/links', { url: 'https://example.com', slug: 'seeded' });
    const s = await signIn();
    const res = await browser(method, path, s.cookie, {}, body);
    expect(res.status).toBe(403);
    expect((await json(res)).error).toEqual({ code: 'csrf_failed', message: expect.stringContaining('X-CSRF-Token') });
    const wrong = await browser(method, path, s.cookie, { 'x-csrf-token': 'A'.repeat(32) }, body);
    expect(wrong.status).toBe(403);
    expect((await t.api('GET', '/api/links/seeded')).status).toBe(200);
  });

  it('accepts cookie POST, PATCH and DELETE that carry the CSRF header', async () => {
    const s = await signIn();
    const csrf = { 'x-csrf-token': s.body.csrfToken };
    const created = await browser('POST', '/api/links', s.cookie, csrf, { url: 'https://example.com', slug: 'mine' });
    expect(created.status).toBe(201);
    const patched = await browser('PATCH', '/api/links/mine', s.cookie, csrf, { disabled: true });
    expect((await json(patched)).disabled).toBe(true);
    expect((await browser('DELETE', '/api/links/mine', s.cookie, csrf)).status).toBe(204);
  });

  it('needs no CSRF token for Bearer requests, even with a cookie present', async () => {
    const s = await signIn();
    const res = await t.api('POST', '/api/links', { url: 'https://example.com' }, { cookie: s.cookie });
    expect(res.status).toBe(201);
  });

  it('refuses an unknown cookie with 401', async () => {
    const res = await browser('GET', '/api/links', 'lp_session=nope');
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('unauthorized');
  });

  it('ends the session after 30 days', async () => {
    const s = await signIn();
    t.clock.advance(SESSION_TTL_MS - 1);
    expect((await browser('GET', '/api/links', s.cookie)).status).toBe(200);
    t.clock.advance(1);
    expect((await browser('GET', '/api/links', s.cookie)).status).toBe(401);
  });

  it('ends the sessions of a revoked key at once', async () => {
    const s = await signIn();
    const [key] = await t.deps.apiKeys.list();
    await revokeApiKey(t.deps, key!.id);
    expect((await browser('GET', '/api/links', s.cookie)).status).toBe(401);
    expect(await json(await browser('GET', '/api/session', s.cookie))).toEqual({ signedIn: false });
  });

  it('sweeps expired sessions when someone signs in', async () => {
    await signIn();
    await signIn();
    t.clock.advance(SESSION_TTL_MS + DAY);
    await signIn();
    expect(await t.database.db.select().from(sessions)).toHaveLength(1);
  });
});

describe('DELETE /api/session', () => {
  it('needs the CSRF header, so another page cannot sign you out', async () => {
    const s = await signIn();
    expect((await browser('DELETE', '/api/session', s.cookie)).status).toBe(403);
    expect((await browser('GET', '/api/links', s.cookie)).status).toBe(200);
  });

  it('signs out: clears the cookie and the token stops working', async () => {
    const s = await signIn();
    const res = await browser('DELETE', '/api/session', s.cookie, { 'x-csrf-token': s.body.csrfToken });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/lp_session=;.*Max-Age=0/);
    expect((await browser('GET', '/api/links', s.cookie)).status).toBe(401);
    expect(await t.database.db.select().from(sessions)).toHaveLength(0);
  });

  it('answers 204 when already signed out', async () => {
    expect((await t.app.request('/api/session', { method: 'DELETE' })).status).toBe(204);
  });
});
