/** The Insights view and a campaign's insights panel in Chromium, on seeded traffic. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../src/cli/seed.js';
import { createApiKeyStore, createLinkStore } from '../../src/db/index.js';
import { openDatabase } from '../../src/node/sqlite.js';
import { createLinkCache } from '../../src/services/index.js';
import { tempDir } from '../support/app.js';
import {
  DASHBOARD_ADMIN_KEY,
  launchBrowser,
  screenshot,
  watchedContext,
  type WatchedContext,
} from '../support/browser.js';
import { startServerProcess, type ServerProcess } from '../support/server.js';

const dir = tempDir('linkpost-insights-dash-');
let server: ServerProcess;
let browser: Browser;
let watched: WatchedContext | null = null;

beforeAll(async () => {
  const database = openDatabase(join(dir, 'dash.db'));
  let n = 0;
  const now = Date.now();
  const core = {
    links: createLinkStore(database.db),
    apiKeys: createApiKeyStore(database.db),
    clock: () => now,
    linkCache: createLinkCache(),
    publicUrl: 'http://127.0.0.1',
    adminKeyHash: null,
    newSlug: () => `d${(++n).toString(36).padStart(5, '0')}`,
  };
  // As `npm run cli -- seed` does, smaller: posts over 90 days up to now.
  await seedDatabase(database, core, { links: 400, campaigns: 12, clicks: 60_000, days: 90, now, seed: 1 }, {
    write: () => true,
  } as never);
  database.close();
  [server, browser] = await Promise.all([
    startServerProcess({ DATABASE_PATH: join(dir, 'dash.db'), ADMIN_API_KEY: DASHBOARD_ADMIN_KEY }),
    launchBrowser(),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  const problems = watched?.problems ?? [];
  await watched?.context.close();
  watched = null;
  expect(problems).toEqual([]);
});

/** Every URL the page asks for, from before it loads. */
let requests: string[] = [];

async function open(hash: string, timezoneId: string): Promise<Page> {
  watched = await watchedContext(browser, { timezoneId, viewport: { width: 1280, height: 900 } });
  requests = [];
  watched.context.on('request', (r) => requests.push(r.url()));
  const page = await watched.context.newPage();
  await page.goto(`${server.url}/dashboard/${hash}`);
  await page.getByLabel('API key').fill(DASHBOARD_ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.hash === hash);
  return page;
}

/** WCAG contrast of every heatmap cell's text and every confidence badge on its own background. */
const contrasts = (page: Page) =>
  page.evaluate(() => {
    const rgb = (s: string) =>
      s
        .match(/\d+(\.\d+)?/g)!
        .slice(0, 3)
        .map(Number);
    const lum = (c: number[]) => {
      const [r, g, b] = c.map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    return [...document.querySelectorAll('td.heat, .badge')].map((el) => {
      const s = getComputedStyle(el);
      const [a, b] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
  });

describe('the Insights view', () => {
  it("shows recommendations with evidence, a heatmap in the viewer's zone with a table behind it, and lifetimes per network", async () => {
    const page = await open('#/insights', 'Asia/Kathmandu');
    expect(await page.getByRole('link', { name: 'Insights' }).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.locator('.insight').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    expect(await page.locator('.insight .badge').first().textContent()).toMatch(/^(High|Medium|Low) confidence$/);
    await page.locator('.insight summary').first().click();
    expect(await page.locator('.insight .evidence dt').first().isVisible()).toBe(true);

    // The heatmap: 7 days × 24 hours, headed rows and columns, in the browser's zone.
    const heat = page.locator('table.heatmap');
    await expect.poll(() => heat.locator('tbody td.heat').count()).toBe(168);
    expect(await heat.locator('tbody th[scope="row"]').count()).toBe(7);
    expect(await heat.locator('thead th[scope="col"]').count()).toBe(24);
    expect(await page.locator('section[aria-labelledby="heat-h"] .hint').first().textContent()).toContain(
      'Times in Asia/Kathmandu',
    );
    const api = async (metric: string) => {
      const url = new URL(`${server.url}/api/stats/heatmap`);
      const asked = new URL(
        requests.filter((r) => r.includes('/api/stats/heatmap') && r.includes(`metric=${metric}`)).at(-1)!,
      );
      expect(asked.searchParams.get('tz')).toBe('Asia/Kathmandu');
      url.search = asked.search;
      return (await (await fetch(url, { headers: { authorization: `Bearer ${DASHBOARD_ADMIN_KEY}` } })).json()) as {
        cells: any[];
      };
    };
    const clicks = await api('clicks');
    const busiest = clicks.cells.reduce((a, b) => (b.clicks > a.clicks ? b : a));
    const darkest = heat.locator('tbody tr').nth(busiest.weekday).locator('td').nth(busiest.hour);
    expect(await darkest.getAttribute('class')).toContain('heat-5');
    expect(await darkest.locator('.visually-hidden').textContent()).toContain(
      `${busiest.clicks.toLocaleString('en-US')} click`,
    );
    expect(Math.min(...(await contrasts(page)))).toBeGreaterThanOrEqual(4.5);
    await page.locator('section[aria-labelledby="tips-h"]').screenshot({ path: 'test/artifacts/insights-tips.png' });
    await page.locator('section[aria-labelledby="heat-h"]').screenshot({ path: 'test/artifacts/insights-heatmap.png' });
    await page.locator('.heat-data summary').click();
    expect(await page.locator('.heat-data tbody tr').count()).toBe(clicks.cells.filter((c) => c.clicks > 0).length);
    await page.locator('.heat-data summary').click();

    // Lifetime per network, medians as the API gives them.
    await expect.poll(() => page.locator('table.lifetime tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('table.lifetime tbody').textContent()).toContain('LinkedIn');
    await screenshot(page, 'insights-clicks');

    // The other metric: when to post.
    await page.getByRole('button', { name: 'When to post' }).click();
    expect(await page.getByRole('button', { name: 'When to post' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('#heat-explain').textContent()).toContain('published');
    const first = await api('first24h');
    const published = first.cells.filter((c) => c.posts > 0);
    await expect
      .poll(() => heat.locator('tbody td.heat:not(.heat-0)').count())
      .toBe(published.filter((c) => c.clicks > 0).length);
    expect(Math.min(...(await contrasts(page)))).toBeGreaterThanOrEqual(4.5);
    await page
      .locator('section[aria-labelledby="heat-h"]')
      .screenshot({ path: 'test/artifacts/insights-heatmap-first24h.png' });
    await page
      .locator('section[aria-labelledby="life-h"]')
      .screenshot({ path: 'test/artifacts/insights-lifetime.png' });
    await screenshot(page, 'insights-first24h');
  });

  it('puts the insights of a campaign on its page', async () => {
    const res = await fetch(`${server.url}/api/campaigns`, {
      headers: { authorization: `Bearer ${DASHBOARD_ADMIN_KEY}` },
    });
    const { campaigns } = (await res.json()) as { campaigns: { campaign: string; links: number }[] };
    const biggest = [...campaigns].sort((a, b) => b.links - a.links)[0]!.campaign;
    const page = await open(`#/campaigns/${encodeURIComponent(biggest)}`, 'Europe/Paris');
    const panel = page.locator('section[aria-labelledby="camp-insights-h"]');
    await expect.poll(() => panel.locator('table.heatmap tbody td').count(), { timeout: 15_000 }).toBe(168);
    await expect
      .poll(() => panel.locator('h3').allTextContents())
      .toEqual(['Recommendations', 'When clicks happen', 'How long a post lives']);
    await expect.poll(() => panel.locator('.insight, .missing-data').count()).toBeGreaterThan(0);
    expect(await panel.locator('.hint').first().textContent()).toContain('90 days');
    await screenshot(page, 'insights-campaign');
  });
});
