/**
 * The route table (src/http/routeScopes.ts) against the app's real routes: every registered
 * route has a rule, and each scoped route refuses a key without its scope (403
 * forbidden_scope) and lets a key with only that scope through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickReader } from '../../src/db/clickReader.js';
import { createReportStore } from '../../src/db/reportStore.js';
import { createWebhookStore } from '../../src/db/webhookStore.js';
import { createStatsStore } from '../../src/db/statsStore.js';
import { createTimingStore } from '../../src/db/timingStore.js';
import { SCOPES, type Scope } from '../../src/domain/index.js';
import { MIDDLEWARE_PATHS, ROUTE_SCOPES, ruleFor, type RouteRule } from '../../src/http/routeScopes.js';
import { createApiKey } from '../../src/services/index.js';
import { makeTestApp, type TestApp } from '../support/app.js';
import { bioWiring } from '../support/bioPages.js';

let t: TestApp;
/** A key holding just this scope, and one holding every other scope but admin. */
const only = {} as Record<Scope, string>;
const allBut = {} as Record<Scope, string>;

beforeAll(async () => {
  t = await makeTestApp((database, clock) => ({
    bioPages: bioWiring(database, clock),
    stats: createStatsStore(database.db),
    timing: createTimingStore(database.db),
    clicks: createClickReader(database.db),
    reports: createReportStore(database.db),
    webhooks: { store: createWebhookStore(database.db, database.batch), allowPrivate: false },
    serveAsset: async () => null,
  }));
  for (const scope of SCOPES) {
    only[scope] = (await createApiKey(t.deps, { name: `only ${scope}`, scopes: [scope] })).key;
    const rest = SCOPES.filter((s) => s !== scope && s !== 'admin');
    allBut[scope] = (await createApiKey(t.deps, { name: `all but ${scope}`, scopes: rest })).key;
  }
  expect(
    (await t.api('POST', '/api/links', { url: 'https://example.com/', slug: 'own', campaign: 'Mine' })).status,
  ).toBe(201);
  expect((await t.api('POST', '/api/links', { url: 'https://example.com/', slug: 'stays' })).status).toBe(201);
});
afterAll(() => t.close());

const SAMPLE_PARAMS: Record<string, string> = {
  slug: 'own',
  linkId: 'own',
  shortCode: 'own',
  id: '1',
  handle: 'page',
  token: 'x',
  figure: 'x',
  webhookId: '1',
  deliveryId: '1',
};

/** A concrete request path for a route pattern. */
const pathOf = (pattern: string) =>
  pattern.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string, pattern?: string) =>
    pattern?.startsWith('{@') ? '@page' : (SAMPLE_PARAMS[name] ?? 'x'),
  );

/** A request with the key sent the way the route's API takes keys. */
function send(method: string, path: string, key: string, query = '') {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (path.startsWith('/compat/shlink') || path.startsWith('/compat/kutt')) headers['x-api-key'] = key;
  else headers.authorization = `Bearer ${key}`;
  const sep = path.includes('?') ? '&' : '?';
  const url = path.startsWith('/yourls-api.php')
    ? `${path}?format=json&signature=${key}${query}`
    : `${path}${query ? sep + query.slice(1) : ''}`;
  const body = method === 'GET' || method === 'HEAD' ? undefined : path.startsWith('/api/keys/') ? undefined : '{}';
  return t.app.request(url, { method, headers, body });
}

const isForbiddenScope = async (res: Response) => res.status === 403 && (await res.text()).includes('forbidden_scope');

const scopedRoutes = Object.entries(ROUTE_SCOPES).filter(
  (e): e is [string, Scope] => typeof e[1] === 'string' && e[1] !== 'public' && e[1] !== 'key',
);

describe('the route table', () => {
  it('names a rule for every route the app registers, and nothing it does not', () => {
    const registered = new Set<string>();
    const missing: string[] = [];
    for (const r of t.app.routes) {
      const key = `${r.method} ${r.path}`;
      if (r.method === 'ALL' && MIDDLEWARE_PATHS.includes(r.path)) continue;
      registered.add(key);
      if (!(key in ROUTE_SCOPES)) missing.push(key);
    }
    expect(missing).toEqual([]);
    expect(Object.keys(ROUTE_SCOPES).filter((k) => !registered.has(k))).toEqual([]);
    expect(registered.size).toBeGreaterThan(60);
  });

  it('closes a path it does not know to all but admin', () => {
    expect(ruleFor('GET', '/api/some-new-thing')).toBe('admin');
    expect(ruleFor('GET', '/api/links/own')).toBe('links:read');
    expect(ruleFor('HEAD', '/api/links/own')).toBe('links:read');
  });

  it.each(scopedRoutes)('%s refuses a key without its scope with 403 forbidden_scope', async (route, scope) => {
    const [method, pattern] = route.split(' ') as [string, string];
    const res = await send(method, pathOf(pattern), allBut[scope]);
    expect(await isForbiddenScope(res)).toBe(true);
  });

  it.each(scopedRoutes)('%s lets a key with only its scope through', async (route, scope) => {
    const [method, pattern] = route.split(' ') as [string, string];
    const res = await send(method, pathOf(pattern), only[scope]);
    expect([401, 403]).not.toContain(res.status);
  });

  it('lets admin through every scoped route', async () => {
    for (const [route] of scopedRoutes) {
      const [method, pattern] = route.split(' ') as [string, string];
      if (method === 'DELETE') continue; // the links and keys the other checks need stay
      const res = await send(method, pathOf(pattern), only.admin);
      expect([401, 403], route).not.toContain(res.status);
    }
  });
});

describe('YOURLS actions', () => {
  const yourls = ROUTE_SCOPES['GET /yourls-api.php'] as Exclude<RouteRule, string>;
  it.each(Object.entries(yourls.byAction))('action=%s needs %s', async (action, needed) => {
    const query = `&action=${action}&url=${encodeURIComponent('https://example.com/y')}&shorturl=own`;
    if (needed === 'key') {
      expect(await isForbiddenScope(await send('GET', '/yourls-api.php', only['analytics:read'], query))).toBe(false);
      return;
    }
    expect(await isForbiddenScope(await send('GET', '/yourls-api.php', allBut[needed], query))).toBe(true);
    const allowed = await send('POST', '/yourls-api.php', only[needed], query);
    expect(allowed.status).not.toBe(403);
  });
});

describe('public routes', () => {
  it('answer without a key', async () => {
    expect((await t.app.request('/api/openapi.json')).status).toBe(200);
    expect((await t.app.request('/api/session')).status).toBe(200);
    expect((await t.app.request('/healthz')).status).toBe(200);
    const redirect = await t.app.request('/stays');
    expect(redirect.status).toBe(302);
  });
});
