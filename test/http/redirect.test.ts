import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../support/app.js';
import { createLinkStore } from '../../src/db/index.js';
import { silentLogger } from '../../src/domain/index.js';
import { MISS_TTL_MS } from '../../src/services/linkCache.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  await t.api('POST', '/api/links', { url: 'https://example.com/page?a=1', slug: 'go', network: 'linkedin' });
});
afterEach(() => t.close());

describe('GET /:slug', () => {
  it('redirects with 302 to the tagged destination, uncached', async () => {
    const res = await t.app.request('/go');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://example.com/page?a=1&utm_source=linkedin&utm_medium=social');
    expect(res.headers.get('cache-control')).toBe('private, max-age=0');
  });

  it("merges the short link's query into the destination, without qr", async () => {
    const res = await t.app.request('/go?fbclid=abc&qr=1&utm_source=newsletter');
    const loc = new URL(res.headers.get('location')!);
    expect(loc.searchParams.get('fbclid')).toBe('abc');
    expect(loc.searchParams.get('utm_source')).toBe('newsletter');
    expect(loc.searchParams.has('qr')).toBe(false);
    expect(loc.searchParams.get('a')).toBe('1');
  });

  it("keeps every value of a repeated parameter, replacing the destination's own", async () => {
    const res = await t.app.request('/go?tag=x&tag=y&a=2');
    const loc = new URL(res.headers.get('location')!);
    expect(loc.searchParams.getAll('tag')).toEqual(['x', 'y']);
    expect(loc.searchParams.getAll('a')).toEqual(['2']);
    expect(loc.searchParams.get('utm_source')).toBe('linkedin');
  });

  it('answers HEAD like GET', async () => {
    const res = await t.app.request('/go', { method: 'HEAD' });
    expect(res.status).toBe(302);
  });

  it('answers 404 as a page for browsers and JSON for API clients', async () => {
    const page = await t.app.request('/nope', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    const api = await t.app.request('/nope', { headers: { accept: 'application/json' } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as any).error.code).toBe('link_not_found');
  });

  it('answers 410 once disabled, and follows again when re-enabled (cache invalidated)', async () => {
    expect((await t.app.request('/go')).status).toBe(302);
    await t.api('PATCH', '/api/links/go', { disabled: true });
    expect((await t.app.request('/go')).status).toBe(410);
    await t.api('PATCH', '/api/links/go', { disabled: false, url: 'https://example.org/new' });
    const res = await t.app.request('/go');
    expect(res.headers.get('location')).toContain('https://example.org/new');
  });

  it('tells a browser in a page, not JSON, that a link is gone', async () => {
    await t.api('PATCH', '/api/links/go', { disabled: true });
    const page = await t.app.request('/go', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(410);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('this link has been disabled');
  });

  it('answers 410 after expiresAt, judged by the injected clock', async () => {
    await t.api('PATCH', '/api/links/go', { expiresAt: '2026-03-10T13:00:00Z' });
    expect((await t.app.request('/go')).status).toBe(302);
    t.clock.set(Date.parse('2026-03-10T13:00:00Z'));
    const res = await t.app.request('/go', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(410);
    expect(((await res.json()) as any).error.code).toBe('link_expired');
  });

  it('forgets a deleted link at once', async () => {
    expect((await t.app.request('/go')).status).toBe(302);
    await t.api('DELETE', '/api/links/go');
    expect((await t.app.request('/go')).status).toBe(404);
  });

  it('redirects a slug created right after it was asked for (and missed)', async () => {
    expect((await t.app.request('/fresh')).status).toBe(404);
    await t.api('POST', '/api/links', { url: 'https://fresh.example/', slug: 'fresh' });
    expect((await t.app.request('/fresh')).status).toBe(302);
    await t.api('DELETE', '/api/links/fresh');
    expect((await t.app.request('/fresh')).status).toBe(404);
    await t.api('POST', '/api/links', { url: 'https://again.example/', slug: 'fresh' });
    expect((await t.app.request('/fresh')).headers.get('location')).toBe('https://again.example/');
  });

  it('forgets a miss within seconds when another process creates the link', async () => {
    expect((await t.app.request('/elsewhere')).status).toBe(404);
    // Another process (the CLI, another isolate) writes straight to the database.
    await createLinkStore(t.database.db).insert({
      slug: 'elsewhere',
      url: 'https://e.example/',
      destination: 'https://e.example/',
      title: null,
      campaign: null,
      network: null,
      utm: {},
      postedAt: null,
      createdAt: 0,
      updatedAt: 0,
      disabled: false,
      expiresAt: null,
      maxClicks: null,
    });
    expect((await t.app.request('/elsewhere')).status).toBe(404); // the miss is still remembered
    t.clock.advance(MISS_TTL_MS);
    expect((await t.app.request('/elsewhere')).status).toBe(302);
  });

  it('serves the health check', async () => {
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, storage: 'ok', queue: { waiting: 0, dropped: 0 } });
  });
});

describe('when things go wrong', () => {
  it('still redirects when the click cannot be queued, and says so in the log', async () => {
    const logs: string[] = [];
    const broken = await makeTestApp({
      tracking: {
        recorder: {
          record: () => {
            throw new Error('disk on fire');
          },
        },
        clock: Date.now,
        clientAddress: () => null,
      },
      logger: { ...silentLogger, error: (m) => void logs.push(m) },
    });
    try {
      await broken.api('POST', '/api/links', { url: 'https://example.com/', slug: 'sturdy' });
      expect((await broken.app.request('/sturdy')).status).toBe(302);
      expect(logs).toEqual(['could not queue a click']);
    } finally {
      broken.close();
    }
  });

  it('draws another random slug when one is taken, and gives up with 409 after a few', async () => {
    const draws = ['taken', 'taken', 'taken', 'fresh', ...Array(5).fill('taken')];
    const app = await makeTestApp({ newSlug: () => draws.shift()! });
    try {
      expect((await app.api('POST', '/api/links', { url: 'https://a.example/' })).status).toBe(201); // takes "taken"
      const second = await app.api('POST', '/api/links', { url: 'https://b.example/' });
      expect(((await second.json()) as any).slug).toBe('fresh');
      const third = await app.api('POST', '/api/links', { url: 'https://c.example/' });
      expect(third.status).toBe(409);
      expect(((await third.json()) as any).error.code).toBe('slug_exhausted');
    } finally {
      app.close();
    }
  });
});
