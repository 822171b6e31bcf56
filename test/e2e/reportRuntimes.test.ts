/**
 * Client report links over real HTTP on both runtimes: the Node server (npm start) and the
 * Worker under `wrangler dev --local` with a local D1, the same assertions for each, and the
 * page opened in Chromium on each.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { launchBrowser, screenshot, watchedContext } from '../support/browser.js';
import { UA } from '../support/capture.js';
import { startServerProcess } from '../support/server.js';
import { startWorkerProcess } from '../support/worker.js';

const ADMIN = 'admin-key-for-report-runtime-e2e-1';
const dir = tempDir('linkpost-report-runtimes-');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const runtimes = [
  {
    name: 'Node',
    start: () => startServerProcess({ DATABASE_PATH: join(dir, 'node.db'), ADMIN_API_KEY: ADMIN, TRUST_PROXY: 'true' }),
    client: (a: string): Record<string, string> => ({ 'x-forwarded-for': a }),
  },
  {
    name: 'Workers',
    start: () => startWorkerProcess({ vars: { ADMIN_API_KEY: ADMIN } }),
    client: (a: string): Record<string, string> => ({ 'cf-connecting-ip': a }),
  },
];
const FIGURES = ['summary', 'stats', 'compare', 'heatmap', 'lifetime', 'insights'];
const PASSWORD = 'orchid house';

async function eventually<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(runtimes)('report links on $name', (runtime) => {
  let base = '';
  let stop: () => Promise<unknown> = async () => {};
  let report = { url: '', path: '', id: 0 };
  beforeAll(async () => {
    const s = await runtime.start();
    base = s.url;
    stop = s.stop;
  }, 120_000);
  afterAll(() => stop(), 30_000);

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as any) };
  };
  const unlock = (path: string, password: string, client = '198.51.100.20') =>
    fetch(`${base}${path}/unlock`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...runtime.client(client) },
      body: new URLSearchParams({ password }).toString(),
    });

  it('makes a campaign report whose page and figures show that campaign only', async () => {
    const posted = new Date(Date.now() - 2 * 3600_000).toISOString();
    for (const [slug, campaign, network] of [
      ['orchid-li', 'Orchids', 'linkedin'],
      ['orchid-x', 'Orchids', 'x'],
      ['lily-secret', 'Lilies', 'tiktok'],
    ]) {
      expect(
        (
          await api('POST', '/api/links', {
            url: `https://example.com/${slug}`,
            slug,
            title: `${slug} title`,
            campaign,
            network,
            postedAt: posted,
          })
        ).status,
      ).toBe(201);
    }
    const clicks: [string, number][] = [
      ['orchid-li', 3],
      ['orchid-x', 1],
      ['lily-secret', 5],
    ];
    for (const [slug, n] of clicks) {
      for (let i = 0; i < n; i++) {
        const res = await fetch(`${base}/${slug}`, {
          redirect: 'manual',
          headers: { 'user-agent': `${UA.chromeDesktop} ${i}` },
        });
        expect(res.status).toBe(302);
      }
    }
    await eventually(async () => ((await api('GET', '/api/stats')).body.totals.clicks === 9 ? true : null));

    const made = await api('POST', '/api/reports', { title: 'Orchids report', campaign: 'Orchids', allowCsv: true });
    expect(made.status).toBe(201);
    expect(made.body.url).toMatch(new RegExp(`^${base}/r/[A-Za-z0-9]{43}$`));
    report = { url: made.body.url, path: new URL(made.body.url).pathname, id: made.body.id };

    const page = await fetch(report.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow, noarchive');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self'/);
    expect(await page.text()).toContain('<h1>Orchids report</h1>');

    const stats = (await (await fetch(`${report.url}/data/stats?campaign=Lilies&bots=include`)).json()) as any;
    expect(stats.totals).toEqual({ clicks: 4, uniques: 4, bots: 0 });
    for (const figure of FIGURES) {
      const res = await fetch(`${report.url}/data/${figure}?campaign=Lilies&slug=lily-secret`);
      expect(res.status, figure).toBe(200);
      const text = await res.text();
      for (const mark of ['Lilies', 'lily-secret', 'tiktok'])
        expect(text, `${figure} shows ${mark}`).not.toContain(mark);
    }
    const csv = await (await fetch(`${report.url}/report.csv`)).text();
    expect(
      csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['orchid-li', 'orchid-x']);
  });

  it('opens the report in Chromium with its charts, under the strict CSP and from this server only', async () => {
    const watched = await watchedContext(browser, { viewport: { width: 1200, height: 900 } });
    try {
      const page = await watched.context.newPage();
      await page.goto(report.url);
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.locator('#totals-h-section .stat-value').allTextContents()).toEqual(['4', '4', '2']);
      expect(await page.locator('canvas').count()).toBe(2);
      expect((await page.locator('body').textContent())!).not.toContain('lily-secret');
      await screenshot(page, `report-page-${runtime.name.toLowerCase()}`);
      expect(watched.problems).toEqual([]);
    } finally {
      await watched.context.close();
    }
  });

  it('asks for a password hashed with PBKDF2, remembers it per report, and answers 404 once revoked', async () => {
    const made = await api('POST', '/api/reports', {
      title: 'Locked orchids',
      slugs: ['orchid-x'],
      password: PASSWORD,
    });
    const path = new URL(made.body.url).pathname;
    expect((await fetch(`${base}${path}`)).status).toBe(401);
    expect((await fetch(`${base}${path}/data/stats`)).status).toBe(401);
    expect((await unlock(path, 'nope')).status).toBe(401);
    const ok = await unlock(path, PASSWORD);
    expect(ok.status).toBe(303);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toContain(`Path=${path}`);
    expect(cookie).toContain('HttpOnly');
    const opened = await fetch(`${base}${path}/data/stats`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as any).totals.clicks).toBe(1);

    expect((await api('DELETE', `/api/reports/${made.body.id}`)).status).toBe(204);
    expect((await fetch(`${base}${path}`)).status).toBe(404);
    expect((await fetch(`${base}${path}/data/stats`, { headers: { cookie: cookie.split(';')[0]! } })).status).toBe(404);
  });

  it('answers 410 once expired', async () => {
    const made = await api('POST', '/api/reports', {
      title: 'Brief',
      campaign: 'Orchids',
      expiresAt: new Date(Date.now() + 3_000).toISOString(),
    });
    expect(made.status).toBe(201);
    expect((await fetch(made.body.url)).status).toBe(200);
    await eventually(async () => ((await fetch(made.body.url)).status === 410 ? true : null), 10_000);
    expect((await fetch(`${made.body.url}/data/stats`)).status).toBe(410);
  });

  it('limits wrong passwords per address', async () => {
    const made = await api('POST', '/api/reports', { title: 'Guarded', campaign: 'Orchids', password: PASSWORD });
    const path = new URL(made.body.url).pathname;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await unlock(path, `guess ${i}`, '198.51.100.77')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });
});
