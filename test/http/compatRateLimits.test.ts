/** The compatible APIs check keys too: the failed-auth limit and API_RATE_LIMIT apply to them as to /api. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimitOptions } from '../../src/http/rateLimits.js';
import { createApiRateLimiter } from '../../src/services/apiRateLimit.js';
import { AUTH_FAILURE_POLICY, createAuthFailureLimiter } from '../../src/services/authFailures.js';
import { createMemoryThrottleStore } from '../../src/services/memoryThrottleStore.js';
import { makeTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
afterEach(() => t.close());

async function limitedApp(perMinute = 0) {
  t = await makeTestApp((_db, clock) => {
    const store = createMemoryThrottleStore();
    const limits: RateLimitOptions = {
      clientAddress: () => '198.51.100.1',
      authFailures: createAuthFailureLimiter({ store, clock, log: () => {} }),
      apiRate: createApiRateLimiter({ store, clock, perMinute }),
    };
    return { limits };
  });
}

const BAD = 'lp_AAAAAAAA_wrongwrongwrongwrongwrong';
/** A wrong (or the right) key, sent the way each API takes it. */
const REQUESTS: Record<string, (key: string) => [string, RequestInit]> = {
  dub: (key) => ['/compat/dub/links', { headers: { authorization: `Bearer ${key}` } }],
  shlink: (key) => ['/compat/shlink/rest/v3/short-urls', { headers: { 'x-api-key': key } }],
  kutt: (key) => ['/compat/kutt/api/v2/links', { headers: { 'x-api-key': key } }],
  yourls: (key) => [`/yourls-api.php?action=db-stats&format=json&signature=${key}`, {}],
};

describe('the compatible APIs', () => {
  it.each(Object.keys(REQUESTS))(
    '%s: wrong keys count as failed sign-ins, and a blocked client is refused with 429',
    async (api) => {
      await limitedApp();
      const req = REQUESTS[api]!;
      for (let i = 0; i < AUTH_FAILURE_POLICY.limit; i++) {
        const res = await t.app.request(...req(BAD));
        expect([401, 403]).toContain(res.status);
      }
      const blocked = await t.app.request(...req(t.key));
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toBe('1');
      // Other routes of the server share the block: it is the client that guessed.
      expect((await t.app.request('/api/links', { headers: { authorization: `Bearer ${t.key}` } })).status).toBe(429);
    },
  );

  it.each(Object.keys(REQUESTS))('%s: counts requests per key under API_RATE_LIMIT, with /api', async (api) => {
    await limitedApp(5);
    const req = REQUESTS[api]!;
    for (let i = 0; i < 3; i++) expect((await t.app.request(...req(t.key))).status).toBe(200);
    for (let i = 0; i < 2; i++)
      expect((await t.app.request('/api/links', { headers: { authorization: `Bearer ${t.key}` } })).status).toBe(200);
    const over = await t.app.request(...req(t.key));
    expect(over.status).toBe(429);
    expect(((await over.json()) as any).error.code).toBe('rate_limited');
  });
});
