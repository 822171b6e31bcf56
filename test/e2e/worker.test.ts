/**
 * One HTTP suite, two runtimes: the Node server (npm start) and the Worker under
 * `wrangler dev --local` with a local D1. Everything goes over real HTTP on loopback.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Location } from '../../src/domain/index.js';
import { tempDir } from '../support/app.js';
import { UA } from '../support/capture.js';
import { startServerProcess } from '../support/server.js';
import { startWorkerProcess, TEST_CF } from '../support/worker.js';
import { Dub } from 'dub';
import { Kutt } from 'kutt';
import { shlinkClient } from '../support/shlinkSdk.js';

const ADMIN = 'admin-key-for-runtime-e2e-0001';
/** A public address: geoip-lite puts it in Great Britain; on Workers request.cf decides. */
const VISITOR = '81.2.69.160';

export interface Runtime {
  name: string;
  start(): Promise<{ url: string; stop(): Promise<unknown> }>;
  /** Request headers that make a client appear at `address` to this runtime. */
  from(address: string): Record<string, string>;
  /** Where the runtime places VISITOR: geoip-lite on Node, request.cf on Workers. */
  place: Partial<Location>;
}

const dir = tempDir('linkpost-runtimes-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runtimes: Runtime[] = [
  {
    name: 'Node',
    start: () => startServerProcess({ DATABASE_PATH: join(dir, 'node.db'), ADMIN_API_KEY: ADMIN, TRUST_PROXY: 'true' }),
    from: (address) => ({ 'x-forwarded-for': address }),
    place: { country: 'GB' },
  },
  {
    name: 'Workers',
    start: () => startWorkerProcess({ vars: { ADMIN_API_KEY: ADMIN } }),
    // Cloudflare sets CF-Connecting-IP; locally wrangler passes the client's header through.
    from: (address) => ({ 'cf-connecting-ip': address }),
    place: { country: TEST_CF.country, region: TEST_CF.region, city: TEST_CF.city },
  },
];

/** Polls until `probe` returns a value, for what happens after a response (click writes). */
export async function eventually<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface ClickView {
  slug: string;
  source: string;
  referrerHost: string | null;
  device: string;
  browser: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  bot: boolean;
  visitor: string;
}

describe.each(runtimes)('linkpost over HTTP on $name', (runtime) => {
  let base = '';
  let stop: () => Promise<unknown> = async () => {};

  beforeAll(async () => {
    const s = await runtime.start();
    base = s.url;
    stop = s.stop;
  }, 120_000);
  afterAll(() => stop(), 30_000);

  const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const clicksOf = async (slug: string, query = '') => {
    const res = await api('GET', `/api/clicks?slug=${slug}${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { clicks: ClickView[] }).clicks;
  };
  const waitForClicks = (slug: string, n: number, query = '') =>
    eventually(async () => {
      const clicks = await clicksOf(slug, query);
      return clicks.length >= n ? clicks : null;
    });

  it('answers health checks and sends / to the dashboard, served with its security headers', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({
      ok: true,
      storage: 'ok',
      queue: { waiting: 0, dropped: 0 },
    });
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/dashboard/');
    const page = await fetch(`${base}/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toMatch(/<!doctype html>/i);
    expect((await fetch(`${base}/robots.txt`)).status).toBe(200);
    expect((await fetch(`${base}/dashboard/no-such-file.js`)).status).toBe(404);
  });

  it('creates, lists, reads and edits posts through the links API', async () => {
    const created = await api('POST', '/api/links', {
      url: 'https://example.com/launch',
      slug: 'launch',
      title: 'Launch',
      campaign: 'Spring Launch',
      network: 'twitter',
    });
    expect(created.status).toBe(201);
    const link = (await created.json()) as Record<string, unknown>;
    expect(link).toMatchObject({
      slug: 'launch',
      shortUrl: `${base}/launch`,
      network: 'x',
      destination: 'https://example.com/launch?utm_source=x&utm_medium=social&utm_campaign=spring-launch',
      clicks: 0,
    });

    const random = (await (await api('POST', '/api/links', { url: 'https://example.com/r' })).json()) as {
      slug: string;
    };
    expect(random.slug).toMatch(/^[A-Za-z0-9]{7}$/);

    const list = (await (await api('GET', '/api/links?campaign=Spring%20Launch')).json()) as {
      links: { slug: string }[];
    };
    expect(list.links.map((l) => l.slug)).toEqual(['launch']);
    const patched = await api('PATCH', '/api/links/launch', { title: 'Launch day' });
    expect(((await patched.json()) as { title: string }).title).toBe('Launch day');
    expect(((await (await api('GET', '/api/links/launch')).json()) as { title: string }).title).toBe('Launch day');
  });

  it("answers link-preview fetchers a post's card, records the hit as a bot, and still redirects people", async () => {
    const created = await api('POST', '/api/links', {
      url: 'https://example.com/card',
      slug: 'og-card',
      preview: { title: 'Spring <launch>', imageUrl: 'https://cdn.example.com/c.png' },
    });
    expect(created.status).toBe(201);
    const card = await fetch(`${base}/og-card`, {
      redirect: 'manual',
      headers: { 'user-agent': UA.facebookPreview, ...runtime.from('81.2.69.180') },
    });
    expect(card.status).toBe(200);
    expect(await card.text()).toContain('<meta property="og:title" content="Spring &#60;launch&#62;">');
    const person = await fetch(`${base}/og-card`, {
      redirect: 'manual',
      headers: { 'user-agent': UA.chromeDesktop, ...runtime.from('81.2.69.181') },
    });
    expect(person.status).toBe(302);
    const clicks = await waitForClicks('og-card', 2);
    expect(clicks.map((c) => c.bot).sort()).toEqual([false, true]);
  });

  it("draws a post's QR code as SVG on every runtime, and as PNG where it can", async () => {
    expect((await api('POST', '/api/links', { url: 'https://example.com/poster', slug: 'qr-poster' })).status).toBe(
      201,
    );
    const svg = await api('GET', '/api/links/qr-poster/qr.svg?size=256&fg=1d4ed8');
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg [^>]*width="256"[^>]*>.*stroke="#1d4ed8"/s);
    expect((await api('GET', '/api/links/qr-poster/qr.svg?fg=eeeeee')).status).toBe(400);
    const png = await api('GET', '/api/links/qr-poster/qr.png');
    if (runtime.name === 'Node') {
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
    } else {
      expect(png.status).toBe(400);
      expect(((await png.json()) as { error: { code: string } }).error.code).toBe('png_unavailable');
    }
  });

  it('counts QR scans apart from link clicks: a qr filter and a qr breakdown on /api/stats', async () => {
    expect(
      (await api('POST', '/api/links', { url: 'https://example.com/flyer', slug: 'qr-flyer', campaign: 'Poster run' }))
        .status,
    ).toBe(201);
    const visit = (path: string, address: string) =>
      fetch(`${base}${path}`, {
        redirect: 'manual',
        headers: { 'user-agent': UA.safariIphone, ...runtime.from(address) },
      });
    for (const [path, address] of [
      ['/qr-flyer?qr=1', '81.2.69.191'],
      ['/qr-flyer?qr=1', '81.2.69.192'],
      ['/qr-flyer', '81.2.69.193'],
    ] as const) {
      expect((await visit(path, address)).status).toBe(302);
    }
    await waitForClicks('qr-flyer', 3);
    const stats = async (query: string) => {
      const res = await api('GET', `/api/stats?campaign=Poster%20run&${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as {
        totals: { clicks: number };
        breakdowns: { qr: { value: string; label: string; clicks: number }[] };
      };
    };
    // Counting may trail the stored clicks by a moment on Node.
    const all = await eventually(async () => {
      const s = await stats('');
      return s.totals.clicks === 3 ? s : null;
    });
    expect(all.breakdowns.qr).toEqual([
      { value: 'true', label: 'QR scans', clicks: 2, uniques: 2 },
      { value: 'false', label: 'Link clicks', clicks: 1, uniques: 1 },
    ]);
    expect((await stats('qr=true')).totals.clicks).toBe(2);
    expect((await stats('qr=false')).totals.clicks).toBe(1);
    const bad = await api('GET', '/api/stats?qr=maybe');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });

  it('publishes its OpenAPI document without a key, and the reference page that reads it', async () => {
    const res = await fetch(`${base}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/links', '/api/links/bulk', '/api/stats']));
    const page = await fetch(`${base}/docs/api/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('vendor/swagger-ui-bundle.js');
    expect((await fetch(`${base}/docs/api/vendor/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('creates 1,000 posts in one bulk request, all or none', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      url: `https://example.com/bulk/${i}`,
      slug: `bulk-${i}`,
      campaign: 'Bulk',
      network: i % 2 ? 'x' : 'linkedin',
    }));
    const refused = await api('POST', '/api/links/bulk', {
      links: [...rows.slice(0, 999), { url: 'ftp://example.com/no' }],
    });
    expect(refused.status).toBe(400);
    const error = ((await refused.json()) as { error: { code: string; details: { rows: { index: number }[] } } }).error;
    expect(error.code).toBe('invalid_rows');
    expect(error.details.rows.map((r) => r.index)).toEqual([999]);
    expect((await api('GET', '/api/links/bulk-0')).status).toBe(404);

    const res = await api('POST', '/api/links/bulk', { links: rows });
    expect(res.status).toBe(201);
    const { links } = (await res.json()) as { links: { slug: string; destination: string }[] };
    expect(links.map((l) => l.slug)).toEqual(rows.map((r) => r.slug));
    expect(links[1]!.destination).toBe('https://example.com/bulk/1?utm_source=x&utm_medium=social&utm_campaign=bulk');
    const redirect = await fetch(`${base}/bulk-999`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect((await api('POST', '/api/links/bulk', { links: [rows[5]] })).status).toBe(400);
  });

  it('answers every links API error in one JSON shape', async () => {
    const expectError = async (res: Response, status: number, code: string) => {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    };
    const anonymous = await fetch(`${base}/api/links`);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    await expectError(anonymous, 401, 'unauthorized');
    await expectError(
      await api('GET', '/api/links', undefined, { authorization: 'Bearer lp_nope_nope' }),
      401,
      'unauthorized',
    );
    await expectError(await api('POST', '/api/links', { url: 'ftp://example.com/' }), 400, 'invalid_url');
    await expectError(await api('POST', '/api/links', { url: `${base}/loop` }), 400, 'invalid_url');
    await expectError(
      await api('POST', '/api/links', { url: 'https://example.com/', slug: 'api' }),
      400,
      'slug_reserved',
    );
    await api('POST', '/api/links', { url: 'https://example.com/', slug: 'taken' });
    await expectError(
      await api('POST', '/api/links', { url: 'https://example.com/', slug: 'taken' }),
      409,
      'slug_taken',
    );
    // D1 wraps a UNIQUE failure differently from better-sqlite3: a race must still be 409, not 500.
    const race = await Promise.all(
      [1, 2, 3, 4].map((i) => api('POST', '/api/links', { url: `https://r${i}.example/`, slug: 'race' })),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    await expectError(await api('POST', '/api/links', '{"url":'), 400, 'invalid_json');
    await expectError(
      await api('POST', '/api/links', { url: 'https://example.com/', title: 'x'.repeat(70_000) }),
      413,
      'payload_too_large',
    );
    await expectError(await api('GET', '/api/links/missing'), 404, 'link_not_found');
    await expectError(await api('GET', '/api/nothing'), 404, 'not_found');
  });

  it('redirects at once and records the click afterwards, placed where the runtime says', async () => {
    await api('POST', '/api/links', {
      url: 'https://example.com/post',
      slug: 'placed',
      network: 'linkedin',
      campaign: 'E2E',
    });
    const hop = await fetch(`${base}/placed?fbclid=abc`, {
      redirect: 'manual',
      headers: { 'user-agent': UA.chromeDesktop, referer: 'https://www.linkedin.com/feed/', ...runtime.from(VISITOR) },
    });
    expect(hop.status).toBe(302);
    expect(hop.headers.get('location')).toBe(
      'https://example.com/post?utm_source=linkedin&utm_medium=social&utm_campaign=e2e&fbclid=abc',
    );
    expect(hop.headers.get('cache-control')).toBe('private, max-age=0');

    const [click] = await waitForClicks('placed', 1);
    expect(click).toMatchObject({
      slug: 'placed',
      source: 'linkedin',
      referrerHost: 'linkedin.com',
      device: 'desktop',
      browser: 'Chrome',
      bot: false,
      ...runtime.place,
    });
    expect(click!.visitor).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(click)).not.toContain(VISITOR);
    const link = (await (await api('GET', '/api/links/placed')).json()) as { clicks: number };
    expect(link.clicks).toBe(1);
  });

  it('tells visitors apart, counts bots apart from people and never records HEAD', async () => {
    await api('POST', '/api/links', { url: 'https://example.com/crowd', slug: 'crowd' });
    const visit = (ua: string, address: string, method = 'GET') =>
      fetch(`${base}/crowd`, { method, redirect: 'manual', headers: { 'user-agent': ua, ...runtime.from(address) } });
    expect((await visit(UA.chromeDesktop, '81.2.69.161')).status).toBe(302);
    expect((await visit(UA.chromeDesktop, '81.2.69.161')).status).toBe(302);
    expect((await visit(UA.safariIphone, '81.2.69.162')).status).toBe(302);
    expect((await visit(UA.facebookPreview, '81.2.69.163')).status).toBe(302);
    expect((await visit(UA.chromeDesktop, '81.2.69.164', 'HEAD')).status).toBe(302);

    const clicks = await waitForClicks('crowd', 4);
    const humans = clicks.filter((c) => !c.bot);
    expect(humans).toHaveLength(3);
    expect(new Set(humans.map((c) => c.visitor)).size).toBe(2);
    expect(clicks.filter((c) => c.bot)).toHaveLength(1);
    expect(await clicksOf('crowd', '&bots=exclude')).toHaveLength(3);
    // A GET sent after the HEAD answered is recorded; by then a click of the HEAD, handed off
    // earlier the same way, would be too. The marker is the only fifth click.
    expect((await visit(UA.safariIphone, '81.2.69.165')).status).toBe(302);
    const after = await waitForClicks('crowd', 5);
    expect(after).toHaveLength(5);
    expect(after.filter((c) => !c.bot)).toHaveLength(4);
    expect(((await (await api('GET', '/api/links/crowd')).json()) as { clicks: number }).clicks).toBe(4);
  });

  it('answers 404 for an unknown slug and 410 once a link is disabled', async () => {
    const unknown = await fetch(`${base}/nobody-here`, { redirect: 'manual' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('text/html');
    const json = await fetch(`${base}/nobody-here`, { headers: { accept: 'application/json' } });
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('link_not_found');

    await api('POST', '/api/links', { url: 'https://example.com/old', slug: 'retired' });
    expect((await fetch(`${base}/retired`, { redirect: 'manual' })).status).toBe(302);
    await api('PATCH', '/api/links/retired', { disabled: true });
    expect((await fetch(`${base}/retired`, { redirect: 'manual' })).status).toBe(410);
  });

  it('exports the recorded clicks as CSV', async () => {
    await api('POST', '/api/links', { url: 'https://example.com/csv', slug: 'exported', campaign: 'CSV' });
    await fetch(`${base}/exported`, {
      redirect: 'manual',
      headers: { 'user-agent': UA.chromeDesktop, ...runtime.from(VISITOR) },
    });
    await waitForClicks('exported', 1);
    const res = await api('GET', '/api/clicks.csv?slug=exported');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      slug: 'exported',
      short_url: `${base}/exported`,
      campaign: 'CSV',
      bot: 'false',
      ...runtime.place,
    });
  });

  it('answers stats, comparisons and campaigns from the counters written with the clicks', async () => {
    await api('POST', '/api/links', {
      url: 'https://example.com/s1',
      slug: 'stats-li',
      campaign: 'Stats',
      network: 'linkedin',
    });
    await api('POST', '/api/links', {
      url: 'https://example.com/s2',
      slug: 'stats-x',
      campaign: 'Stats',
      network: 'x',
    });
    const visit = (slug: string, ua: string, address: string) =>
      fetch(`${base}/${slug}`, { redirect: 'manual', headers: { 'user-agent': ua, ...runtime.from(address) } });
    await visit('stats-li', UA.chromeDesktop, VISITOR);
    await visit('stats-li', UA.safariIphone, '81.2.69.171');
    await visit('stats-li', UA.facebookPreview, '81.2.69.172');
    await visit('stats-x', UA.chromeDesktop, VISITOR);
    await waitForClicks('stats-li', 3);
    await waitForClicks('stats-x', 1);

    // A range around today, so the test does not care what day it runs on.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const range = `from=${day(-1)}&to=${day(2)}`;
    const get = async (path: string) => {
      const res = await api('GET', path);
      expect(res.status, path).toBe(200);
      return (await res.json()) as Record<string, any>;
    };
    // Node counts stored clicks a moment after writing them (within a second under load).
    const stats = await eventually(async () => {
      const s = await get(`/api/stats?${range}&campaign=Stats`);
      return s.totals.clicks + s.totals.bots === 4 ? s : null;
    });
    expect(stats.totals).toEqual({ clicks: 3, uniques: 3, bots: 1 });
    expect(stats.breakdowns.network).toEqual([
      { value: 'linkedin', clicks: 2, uniques: 2 },
      { value: 'x', clicks: 1, uniques: 1 },
    ]);
    expect(stats.breakdowns.country).toEqual([{ value: runtime.place.country, clicks: 3, uniques: 3 }]);
    expect(stats.breakdowns.device).toEqual([
      { value: 'desktop', clicks: 2, uniques: 2 },
      { value: 'mobile', clicks: 1, uniques: 1 },
    ]);

    const compared = await get(`/api/stats/compare?campaign=Stats&by=network&hours=48`);
    expect(
      compared.series.map((s: { key: string; points: { clicks: number }[] }) => [
        s.key,
        s.points.reduce((n, p) => n + p.clicks, 0),
      ]),
    ).toEqual([
      ['linkedin', 2],
      ['x', 1],
    ]);

    const { campaigns } = await get(`/api/campaigns?${range}`);
    expect(campaigns.find((c: { campaign: string }) => c.campaign === 'Stats')).toMatchObject({
      links: 2,
      clicks: 3,
      uniques: 3,
      bestNetwork: 'linkedin',
    });

    const report = await api('GET', `/api/stats.csv?${range}&campaign=Stats`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parse(await report.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.slug, r.network, r.clicks, r.uniques, r.bots, r.top_country]).sort()).toEqual([
      ['stats-li', 'linkedin', '2', '2', '1', runtime.place.country],
      ['stats-x', 'x', '1', '1', '0', runtime.place.country],
    ]);
  });

  it('speaks Dub, Shlink, Kutt and YOURLS, with their own clients, on the same posts', async () => {
    const dub = new Dub({ token: ADMIN, serverURL: `${base}/compat/dub`, retryConfig: { strategy: 'none' } });
    const fromDub = await dub.links.create({
      url: 'https://example.com/dub',
      key: 'rt-dub',
      tagNames: ['campaign:Compat', 'network:x'],
    });
    expect(fromDub).toMatchObject({ shortLink: `${base}/rt-dub`, utmSource: 'x', utmCampaign: 'compat' });

    const shlink = shlinkClient(`${base}/compat/shlink`, ADMIN);
    const fromShlink = await shlink.createShortUrl({
      longUrl: 'https://example.com/shlink',
      customSlug: 'rt-shlink',
      tags: ['campaign:Compat'],
    });
    expect(fromShlink.shortUrl).toBe(`${base}/rt-shlink`);
    const listed = await shlink.listShortUrls({ tags: ['campaign:Compat'] });
    expect(listed.data.map((s) => s.shortCode)).toEqual(['rt-shlink', 'rt-dub']);
    const missing = await shlink.getShortUrl({ shortCode: 'rt-none' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ type: 'https://shlink.io/api/error/short-url-not-found', status: 404 });

    const kutt = new Kutt().set('api', `${base}/compat/kutt/api/v2`).set('key', ADMIN);
    const fromKutt = await kutt
      .links()
      .create({ target: 'https://example.com/kutt', customurl: 'rt-kutt', description: 'Kutt' });
    expect(fromKutt).toMatchObject({ id: 'rt-kutt', link: `${base}/rt-kutt`, description: 'Kutt' });

    const yourls = await fetch(`${base}/yourls-api.php`, {
      method: 'POST',
      body: new URLSearchParams({
        signature: ADMIN,
        action: 'shorturl',
        format: 'json',
        url: 'https://example.com/yourls',
        keyword: 'rt-yourls',
      }),
    });
    expect(await yourls.json()).toMatchObject({ status: 'success', shorturl: `${base}/rt-yourls` });
    const taken = await fetch(
      `${base}/yourls-api.php?${new URLSearchParams({ signature: ADMIN, action: 'shorturl', format: 'json', url: 'https://example.com/', keyword: 'rt-kutt' })}`,
    );
    expect(await taken.json()).toMatchObject({
      code: 'error:keyword',
      message: 'Short URL rt-kutt already exists in database or is reserved',
    });

    // Clicks on a post made through one API show in the others.
    await fetch(`${base}/rt-dub`, {
      redirect: 'manual',
      headers: { 'user-agent': UA.chromeDesktop, ...runtime.from(VISITOR) },
    });
    await waitForClicks('rt-dub', 1);
    const counted = await eventually(async () => {
      const s = await shlink.getShortUrl({ shortCode: 'rt-dub' });
      return s.visitsSummary.nonBots === 1 ? s : null;
    });
    expect(counted.visitsSummary).toEqual({ total: 1, nonBots: 1, bots: 0 });
    // Dub's count reads the counters, which Node fills a moment after the click is written
    // (Shlink's nonBots above comes from the post's own human_clicks, moved with the write).
    const dubCount = await eventually(async () => {
      const a = (await dub.analytics.retrieve({ groupBy: 'count', key: 'rt-dub' })) as { clicks: number };
      return a.clicks >= 1 ? a : null;
    });
    expect(dubCount).toMatchObject({ clicks: 1 });
    const visits = await shlink.getShortUrlVisits({ shortCode: 'rt-dub' });
    expect(visits.data[0]!.visitLocation).toMatchObject({ countryCode: runtime.place.country });
    const stats = await fetch(
      `${base}/yourls-api.php?${new URLSearchParams({ signature: ADMIN, action: 'url-stats', format: 'json', shorturl: 'rt-dub' })}`,
    );
    expect(await stats.json()).toMatchObject({ link: { clicks: 1 } });
  });

  it('answers the heatmap, post lifetimes and insights from the same counters', async () => {
    const postedAt = new Date(Date.now() - 30 * 60_000).toISOString();
    await api('POST', '/api/links', {
      url: 'https://example.com/i1',
      slug: 'timing-li',
      campaign: 'Timing',
      network: 'linkedin',
      postedAt,
    });
    const before = Date.now();
    for (const address of [VISITOR, '81.2.69.181']) {
      await fetch(`${base}/timing-li`, {
        redirect: 'manual',
        headers: { 'user-agent': UA.chromeDesktop, ...runtime.from(address) },
      });
    }
    await fetch(`${base}/timing-li`, {
      redirect: 'manual',
      headers: { 'user-agent': UA.facebookPreview, ...runtime.from('81.2.69.182') },
    });
    await waitForClicks('timing-li', 3);
    const after = Date.now();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const query = `from=${day(-1)}&to=${day(2)}&campaign=Timing&tz=Asia/Kathmandu`;
    const get = async (path: string) => {
      const res = await api('GET', path);
      expect(res.status, path).toBe(200);
      return (await res.json()) as Record<string, any>;
    };
    const weekHour = (ms: number) => {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: 'Asia/Kathmandu',
        weekday: 'short',
        hour: 'numeric',
        hourCycle: 'h23',
      }).formatToParts(ms);
      const wd = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(
        parts.find((p) => p.type === 'weekday')!.value,
      );
      return wd * 24 + Number(parts.find((p) => p.type === 'hour')!.value);
    };
    await eventually(async () =>
      (await get(`/api/stats/heatmap?${query}`)).cells.reduce((n: number, c: any) => n + c.clicks, 0) === 2
        ? true
        : null,
    );
    const heat = await get(`/api/stats/heatmap?${query}`);
    expect(heat.cells).toHaveLength(168);
    const clicked = heat.cells.filter((c: any) => c.clicks > 0).map((c: any) => c.weekday * 24 + c.hour);
    for (const cell of clicked) expect([weekHour(before), weekHour(after)]).toContain(cell);
    expect(heat.cells.reduce((n: number, c: any) => n + c.uniques, 0)).toBe(2);
    expect(
      (await get(`/api/stats/heatmap?${query}&bots=only`)).cells.reduce((n: number, c: any) => n + c.clicks, 0),
    ).toBe(1);
    expect((await get(`/api/stats/heatmap?${query}&metric=first24h`)).pending).toBe(1);

    const life = await get(`/api/stats/lifetime?${query}`);
    expect(life.posts).toEqual([
      expect.objectContaining({
        slug: 'timing-li',
        network: 'linkedin',
        h1: null,
        h24: null,
        peakHour: expect.any(Number),
        halfLifeHours: null,
      }),
    ]);
    expect(life.networks).toEqual([
      { network: 'linkedin', posts: 1, median: { h1: null, h24: null, h72: null, d7: null, halfLifeHours: null } },
    ]);

    const { insights } = await get(`/api/insights?${query}`);
    expect(insights.map((i: any) => i.text)).toContain(
      '10 more LinkedIn posts with a full first day of clicks are needed to compare publishing times (0 of 10).',
    );
    const report = parse(await (await api('GET', `/api/stats.csv?${query}`)).text(), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(report.map((r) => [r.slug, r.clicks, r.h24, r.half_life_hours])).toEqual([['timing-li', '2', '', '']]);
  });

  it('signs the dashboard in with a cookie session', async () => {
    const signIn = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: ADMIN }),
    });
    expect(signIn.status).toBe(201);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const links = await fetch(`${base}/api/links`, { headers: { cookie } });
    expect(links.status).toBe(200);
  });
});
