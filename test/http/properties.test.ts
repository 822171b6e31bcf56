/**
 * Property-based tests over the whole API (fast-check): random and mutated bodies, queries
 * and headers on every route. Whatever comes, the answer is never a 5xx, an error is the
 * API's one shape, and a refused request changes nothing that is stored.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickReader } from '../../src/db/clickReader.js';
import { createStatsStore } from '../../src/db/statsStore.js';
import { createStorageHealth } from '../../src/services/index.js';
import { makeTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp((database) => ({
    clicks: createClickReader(database.db),
    stats: createStatsStore(database.db),
    storageHealth: createStorageHealth(Date.now),
    clickQueue: () => ({ waiting: 0, dropped: 0 }),
  }));
  for (const [slug, extra] of [
    ['alpha', { campaign: 'Spring Launch', network: 'linkedin' }],
    ['beta', { maxClicks: 3 }],
    ['gamma', {}],
  ] as const) {
    const res = await t.api('POST', '/api/links', { url: `https://example.com/${slug}`, slug, ...extra });
    if (res.status !== 201) throw new Error(await res.text());
  }
  if ((await t.api('PATCH', '/api/links/gamma', { disabled: true })).status !== 200)
    throw new Error('gamma not disabled');
});
afterAll(() => t.close());

/** Everything stored that a request could change. */
const snapshot = () =>
  ['links', 'api_keys', 'sessions', 'clicks', 'counter_totals', 'links_version'].map((table) =>
    (t.database.sqlite.prepare(`SELECT * FROM ${table}`).all() as object[]).map((row) => JSON.stringify(row)).sort(),
  );

const ROUTES = [
  '/api/links',
  '/api/links/alpha',
  '/api/links/beta',
  '/api/links/nope',
  '/api/clicks',
  '/api/clicks.csv',
  '/api/stats',
  '/api/stats.csv',
  '/api/stats/compare',
  '/api/campaigns',
  '/api/session',
  '/api/keys',
  '/healthz',
  '/api/links/bulk',
  '/api/links/alpha/qr.svg',
  '/api/links/alpha/qr.png',
  '/api/links/nope/qr.svg',
  '/api/openapi.json',
  '/alpha',
  '/beta',
  '/gamma',
  '/nope',
  '/',
  '/dashboard',
  '/dashboard/',
];
const PARAMS = [
  'from',
  'to',
  'tz',
  'interval',
  'campaign',
  'network',
  'slug',
  'source',
  'country',
  'device',
  'bots',
  'limit',
  'cursor',
  'q',
  'by',
  'align',
  'hours',
  'utm_source',
  'qr',
  'out',
  'noBom',
  'size',
  'margin',
  'fg',
  'bg',
  'ecc',
];
const odd = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.date({ noInvalidDate: true, min: new Date(-8.64e15), max: new Date(8.64e15) }).map((d) => d.toISOString()),
  fc.constantFrom(
    '',
    ' ',
    '2026-03-10',
    '2026-13-45',
    'Europe/Paris',
    'Mars/Olympus',
    'include',
    'only',
    'hour',
    'day',
    '-1',
    '1e309',
    '%',
    '\u0000',
    'x'.repeat(3_000),
  ),
);
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...PARAMS), fc.string({ maxLength: 8 })), odd), { maxLength: 5 })
  .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs).toString()}` : ''));

/** A valid link body with fields replaced, removed or added at random. */
const mutatedLink = fc
  .record({
    base: fc.constant<Record<string, unknown>>({
      url: 'https://example.com/new',
      slug: 'fresh',
      title: 'T',
      campaign: 'C',
      network: 'x',
      postedAt: '2026-03-10T09:00:00Z',
      utm: { content: 'a' },
      expiresAt: null,
      maxClicks: 5,
      disabled: false,
    }),
    drop: fc.subarray([
      'url',
      'slug',
      'title',
      'campaign',
      'network',
      'postedAt',
      'utm',
      'expiresAt',
      'maxClicks',
      'disabled',
    ]),
    set: fc.dictionary(
      fc.constantFrom(
        'url',
        'slug',
        'title',
        'campaign',
        'network',
        'postedAt',
        'utm',
        'expiresAt',
        'maxClicks',
        'disabled',
        'key',
        '__proto__',
        'constructor',
      ),
      fc.jsonValue(),
      { maxKeys: 3 },
    ),
  })
  .map(({ base, drop, set }) => {
    const body = { ...base };
    for (const k of drop) delete body[k];
    return JSON.stringify(Object.assign(body, set));
  });
const body = fc.oneof(
  fc.constant(undefined),
  mutatedLink,
  fc.json(),
  fc.string(),
  fc
    .record({
      links: fc.array(
        mutatedLink.map((j) => JSON.parse(j) as unknown),
        { maxLength: 4 },
      ),
    })
    .map((b) => JSON.stringify(b)),
  fc.constantFrom(
    '{',
    '[]',
    'null',
    '{"key":"lp_abcdefgh_nope"}',
    '{"key":"admin-key-for-tests-only"}',
    '{"url":"javascript:alert(1)"}',
    '{"url":"http://lp.test/alpha"}',
  ),
);
const headers = fc.record({
  authorization: fc.constantFrom(
    'valid',
    'none',
    'Bearer lp_abcdefgh_wrong',
    'Bearer ',
    'Basic Zm9vOmJhcg==',
    'Bearer admin-key-for-tests-only',
  ),
  'content-type': fc.constantFrom(
    undefined,
    'application/json',
    'text/plain',
    'application/json; charset=utf-8',
    'multipart/form-data',
    'application/x-www-form-urlencoded',
  ),
  accept: fc.constantFrom(undefined, 'application/json', 'text/html', '*/*'),
  cookie: fc.constantFrom(undefined, 'lp_session=forged', 'lp_session=', 'other=1'),
  'x-csrf-token': fc.constantFrom(undefined, 'forged'),
});
const request = fc.record({
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'),
  path: fc.oneof(
    fc.constantFrom(...ROUTES),
    fc.constantFrom(...ROUTES).chain((r) => fc.string({ maxLength: 12 }).map((s) => `${r}/${encodeURIComponent(s)}`)),
  ),
  query,
  body,
  headers,
});

interface RandomRequest {
  method: string;
  path: string;
  query: string;
  body: string | undefined;
  headers: Record<string, string | undefined>;
}

async function send(r: RandomRequest) {
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) {
    if (typeof v === 'string' && v !== 'none') h[k] = k === 'authorization' && v === 'valid' ? `Bearer ${t.key}` : v;
  }
  const withBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
  return t.app.request(`${r.path}${r.query}`, { method: r.method, headers: h, body: withBody ? r.body : undefined });
}

describe('the API under random requests', () => {
  it('never answers 5xx, answers every JSON error in one shape, and a refused request changes nothing stored', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const before = snapshot();
        const res = await send(r);
        expect(res.status).toBeLessThan(500);
        const text = await res.text();
        if (res.status >= 400 && /json/.test(res.headers.get('content-type') ?? '') && r.method !== 'HEAD') {
          const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
          expect(Object.keys(parsed)).toEqual(['error']);
          expect(parsed.error).toMatchObject({ code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) });
        }
        // A refused request leaves every table as it was (a redirect's click is no change: tracking is off here).
        if (res.status >= 400) expect(snapshot()).toEqual(before);
      }),
      { numRuns: 600, seed: 13 },
    );
  }, 120_000);

  it('refuses every mutated link body it cannot store with a 4xx naming a code, and stores each one it accepts whole', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedLink, fc.constantFrom('POST', 'PATCH'), async (json, method) => {
        const path = method === 'POST' ? '/api/links' : '/api/links/alpha';
        const before = snapshot();
        const res = await t.api(method, path, json);
        expect(res.status).toBeLessThan(500);
        const answer = (await res.json()) as { error?: { code: string }; slug?: string };
        if (res.status >= 400) {
          expect(answer.error?.code).toMatch(/^[a-z_]+$/);
          expect(snapshot()).toEqual(before);
        } else if (method === 'POST') {
          // Accepted: readable back as answered, then removed so the next run starts alike.
          expect((await t.api('GET', `/api/links/${answer.slug}`)).status).toBe(200);
          expect((await t.api('DELETE', `/api/links/${answer.slug}`)).status).toBe(204);
        }
      }),
      { numRuns: 300, seed: 14 },
    );
  }, 120_000);
});
