import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimitOptions } from '../../src/http/rateLimits.js';
import { createApiRateLimiter } from '../../src/services/apiRateLimit.js';
import { AUTH_FAILURE_POLICY, createAuthFailureLimiter } from '../../src/services/authFailures.js';
import { createApiKey } from '../../src/services/index.js';
import { createMemoryThrottleStore } from '../../src/services/memoryThrottleStore.js';
import { makeTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let logs: string[];
afterEach(() => t.close());

/** The app with the limits Node runs with; the client address comes from a test header. */
async function limitedApp(perMinute = 0) {
  logs = [];
  t = await makeTestApp((_db, clock) => {
    const store = createMemoryThrottleStore();
    const limits: RateLimitOptions = {
      clientAddress: (c) => c.req.header('x-test-client') ?? '198.51.100.1',
      authFailures: createAuthFailureLimiter({ store, clock, log: (m) => logs.push(m) }),
      apiRate: createApiRateLimiter({ store, clock, perMinute }),
    };
    return { limits };
  });
  return t;
}

const wrong = (client = '198.51.100.1') =>
  t.app.request('/api/links', {
    headers: { authorization: 'Bearer lp_AAAAAAAA_wrongwrongwrongwrongwrong', 'x-test-client': client },
  });
const right = (client = '198.51.100.1') =>
  t.app.request('/api/links', { headers: { authorization: `Bearer ${t.key}`, 'x-test-client': client } });

describe('failed authentication limits', () => {
  it('answers 429 at once past the limit, with a Retry-After that doubles while failures go on', async () => {
    await limitedApp();
    const { limit } = AUTH_FAILURE_POLICY;
    for (let i = 0; i < limit; i++) expect((await wrong()).status).toBe(401);
    const first = await wrong();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(((await first.json()) as any).error.code).toBe('too_many_failures');

    const retries: string[] = [];
    for (let block = 0; block < 5; block++) {
      t.clock.advance(Number((await wrong()).headers.get('retry-after')) * 1000);
      expect((await wrong()).status).toBe(401); // the one attempt a block's end allows
      retries.push((await wrong()).headers.get('retry-after')!);
    }
    expect(retries).toEqual(['2', '4', '8', '16', '32']);
  });

  it('refuses even the right key from a blocked client, so a lucky guess tells it nothing', async () => {
    await limitedApp();
    for (let i = 0; i <= AUTH_FAILURE_POLICY.limit; i++) await wrong();
    expect((await right()).status).toBe(429);
  });

  it('never slows other clients, and counts an IPv6 client by its /64', async () => {
    await limitedApp();
    for (let i = 0; i <= AUTH_FAILURE_POLICY.limit; i++) await wrong('2001:db8:1:2::10');
    expect((await wrong('2001:db8:1:2:ffff::99')).status).toBe(429);
    expect((await right('2001:db8:1:3::10')).status).toBe(200);
    expect((await right('198.51.100.2')).status).toBe(200);
  });

  it('lets at most the limit of parallel guesses through before the first one is counted', async () => {
    await limitedApp();
    const statuses = await Promise.all(Array.from({ length: 60 }, async () => (await wrong()).status));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(AUTH_FAILURE_POLICY.limit);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(60 - AUTH_FAILURE_POLICY.limit);
  });

  it('lets a client run many requests at once with a key that just worked', async () => {
    await limitedApp();
    expect((await right()).status).toBe(200);
    const statuses = await Promise.all(Array.from({ length: 40 }, async () => (await right()).status));
    expect(statuses).toEqual(Array(40).fill(200));
  });

  it('counts failed sign-ins and ended session cookies like wrong Bearer keys', async () => {
    await limitedApp();
    for (let i = 0; i < 5; i++) {
      const res = await t.app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: `guess-${i}` }),
      });
      expect(res.status).toBe(401);
    }
    for (let i = 0; i < 5; i++)
      expect((await t.app.request('/api/links', { headers: { cookie: `lp_session=forged${i}` } })).status).toBe(401);
    const blocked = await t.app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: t.key }),
    });
    expect(blocked.status).toBe(429);
  });

  it('logs one line per client per window, naming no address', async () => {
    await limitedApp();
    const start = t.clock();
    // Guess as fast as allowed for 50 s: ten failures, then blocks of 1, 2, 4, 8 and 16 s.
    let attempts = 0;
    while (t.clock() < start + 50_000) {
      const res = await wrong('203.0.113.77');
      if (res.status === 429) t.clock.advance(Number(res.headers.get('retry-after')) * 1000);
      else attempts++;
    }
    expect(attempts).toBe(AUTH_FAILURE_POLICY.limit + 5);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^auth: client [0-9a-f]{8} blocked for 1 s after 10 failed attempts in 60 s/);
    while (t.clock() < start + 100_000) {
      const res = await wrong('203.0.113.77');
      if (res.status === 429) t.clock.advance(Number(res.headers.get('retry-after')) * 1000);
    }
    expect(logs).toHaveLength(2);
    expect(logs.join('\n')).not.toContain('203.0.113');
  });

  it('forgives a client one window after its last block ends', async () => {
    await limitedApp();
    for (let i = 0; i <= AUTH_FAILURE_POLICY.limit; i++) await wrong();
    t.clock.advance(1000 + AUTH_FAILURE_POLICY.windowMs * 2);
    for (let i = 0; i < AUTH_FAILURE_POLICY.limit; i++) expect((await wrong()).status).toBe(401);
  });
});

describe('API_RATE_LIMIT', () => {
  it('limits requests per key per minute in a sliding window, each key on its own', async () => {
    await limitedApp(5);
    for (let i = 0; i < 5; i++) expect((await right()).status).toBe(200);
    const over = await right();
    expect(over.status).toBe(429);
    expect(((await over.json()) as any).error.code).toBe('rate_limited');
    const wait = Number(over.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(120);

    const { key: other } = await createApiKey(t.deps, { name: 'other' });
    expect((await t.app.request('/api/links', { headers: { authorization: `Bearer ${other}` } })).status).toBe(200);
    // A refused request is not counted, and rate limiting is no failed authentication.
    expect((await right('198.51.100.1')).status).toBe(429);
    t.clock.advance(wait * 1000);
    expect((await right()).status).toBe(200);
  });
});

describe('headers', () => {
  it('marks every authenticated JSON answer no-store', async () => {
    await limitedApp();
    for (const path of ['/api/links', '/api/clicks', '/api/nothing']) {
      expect((await t.api('GET', path)).headers.get('cache-control'), path).toBe('no-store');
    }
    expect((await wrong()).headers.get('cache-control')).toBe('no-store');
  });

  it('sends HSTS only over https', async () => {
    await limitedApp();
    expect((await t.app.request('http://lp.test/healthz')).headers.get('strict-transport-security')).toBeNull();
    expect((await t.app.request('https://lp.test/healthz')).headers.get('strict-transport-security')).toMatch(
      /max-age=\d+/,
    );
  });
});
