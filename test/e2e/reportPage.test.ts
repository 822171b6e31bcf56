/** The client report page in Chromium on a real Node server: what it shows, what it asks for, its password and its PDF. */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { contrast, focusRing, overflow, paintedText } from '../support/accessibility.js';
import { ARTIFACTS, CHROME_UA, screenshot, useDashboard } from '../support/browser.js';
import { readPdf } from '../support/pdf.js';

const dash = useDashboard();
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
let open: { path: string };
let locked: { path: string };
const PASSWORD = 'tulip season 2026';

/** A click from a browser with a referrer, as a post's reader makes it. */
async function click(slug: string, referer: string, n: number) {
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${dash.url}/${slug}`, {
      redirect: 'manual',
      headers: { 'user-agent': `${CHROME_UA} r${i}`, referer },
    });
    expect(res.status).toBe(302);
  }
}

beforeAll(async () => {
  const posts = [
    {
      slug: 'tulip-li',
      title: 'Tulip launch on LinkedIn',
      campaign: 'Tulips',
      network: 'linkedin',
      postedAt: hoursAgo(5),
    },
    { slug: 'tulip-x', title: 'Tulip launch on X', campaign: 'Tulips', network: 'x', postedAt: hoursAgo(3) },
    { slug: 'rose-secret', title: 'Rose secret teaser', campaign: 'Roses', network: 'tiktok', postedAt: hoursAgo(4) },
  ];
  for (const p of posts)
    expect((await dash.api('POST', '/api/links', { url: `https://example.com/${p.slug}`, ...p })).status).toBe(201);
  await click('tulip-li', 'https://www.linkedin.com/', 4);
  await click('tulip-x', 'https://t.co/abc', 2);
  await click('rose-secret', 'https://www.tiktok.com/', 7);
  // The click writer counts a moment after the redirects: wait for all 13 (expect.poll needs a test).
  for (let i = 0; i < 150; i++) {
    if ((await dash.api('GET', '/api/stats')).body.totals.clicks === 13) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect((await dash.api('GET', '/api/stats')).body.totals.clicks).toBe(13);
  const made = await dash.api('POST', '/api/reports', {
    title: 'Tulips for Bloom & Co',
    campaign: 'Tulips',
    allowCsv: true,
  });
  expect(made.status).toBe(201);
  open = { path: new URL(made.body.url).pathname };
  const secret = await dash.api('POST', '/api/reports', {
    title: 'Tulips, protected',
    campaign: 'Tulips',
    password: PASSWORD,
  });
  locked = { path: new URL(secret.body.url).pathname };
}, 60_000);

/** Opens a report and waits until every figure has been drawn. */
async function openReport(path: string, requests: { url: string; referer?: string }[] = []): Promise<Page> {
  const page = await dash.newPage({ viewport: { width: 1200, height: 900 }, timezoneId: 'Europe/Paris' });
  page.on('request', (r) => requests.push({ url: r.url(), referer: r.headers().referer }));
  await page.goto(`${dash.url}${path}`);
  return page;
}
const ready = (page: Page) => page.waitForSelector('body[data-ready="true"]');

describe('the report page', () => {
  it('shows the campaign only, from its own address, with no key, no referrer and nothing third-party', async () => {
    const requests: { url: string; referer?: string }[] = [];
    const page = await openReport(open.path, requests);
    await ready(page);
    expect(await page.locator('h1').textContent()).toBe('Tulips for Bloom & Co');
    expect(await page.locator('.report-scope').textContent()).toBe('Campaign: Tulips');
    expect(await page.locator('#report-range').textContent()).toMatch(
      /^The last 30 days: .+ · times in Europe\/Paris$/,
    );
    const totals = await page.locator('#totals-h-section .stat-value').allTextContents();
    expect(totals).toEqual(['6', '6', '2']); // 4 + 2 clicks, each from its own visitor, on 2 posts
    expect(await page.locator('#compare-table tbody th').allTextContents()).toEqual([
      'Tulip launch on LinkedIn',
      'Tulip launch on X',
    ]);
    expect(await page.locator('[data-breakdown="network"] tbody th').allTextContents()).toEqual([
      'LinkedIn',
      'X (Twitter)',
    ]);
    expect(await page.locator('table.heatmap').count()).toBe(1);
    expect(await page.locator('#tips-h-section').textContent()).toContain('Insights');
    expect(await page.locator('canvas').count()).toBe(2); // clicks over time, posts compared
    const text = (await page.locator('body').textContent())!;
    for (const mark of ['Roses', 'rose-secret', 'Rose secret teaser', 'TikTok']) expect(text).not.toContain(mark);

    const own = new URL(dash.url).origin;
    for (const r of requests) {
      expect(new URL(r.url).origin, r.url).toBe(own);
      // The page sends none; modules imported by report.js name report.js, never the report's address.
      expect(r.referer ?? '', `${r.url} was sent the report's address`).not.toContain('/r/');
      const path = new URL(r.url).pathname;
      expect(path.startsWith(`${open.path}`) || path.startsWith('/dashboard/') || path === '/favicon.ico', path).toBe(
        true,
      );
      expect(path).not.toMatch(/^\/api\//);
    }
    expect(requests.some((r) => r.url.includes(`${open.path}/data/stats`))).toBe(true);
    expect(
      requests
        .filter((r) => r.url.includes(open.path) || r.url.endsWith('/report/report.js'))
        .every((r) => r.referer === undefined),
    ).toBe(true);
    await screenshot(page, 'report-page');
  });

  it('reads on a phone: nothing scrolls sideways, every text at 4.5:1 (large 3:1), a visible focus ring at every stop', async () => {
    const page = await dash.newPage({ viewport: { width: 375, height: 800 }, isMobile: true });
    await page.goto(`${dash.url}${open.path}`);
    await ready(page);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const failures: string[] = [];
    const texts = await paintedText(page);
    expect(texts.length).toBeGreaterThan(20);
    for (const t of texts) {
      const ratio = contrast(t.color, t.backgrounds);
      if (ratio < (t.large ? 3 : 4.5)) failures.push(`text ${t.what}: ${ratio.toFixed(2)}:1`);
    }
    let stops = 0;
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const ring = await focusRing(page);
      if (ring.what.startsWith('body')) break;
      stops++;
      const ratio = contrast(ring.color, ring.backgrounds);
      if (ring.style === 'none' || ring.width < 2 || ratio < 3 || ring.clipped)
        failures.push(
          `focus ${ring.what}: ${ring.style} ${ring.width}px ${ratio.toFixed(2)}:1${ring.clipped ? ' clipped' : ''}`,
        );
    }
    expect(failures).toEqual([]);
    expect(stops).toBeGreaterThanOrEqual(4); // print, CSV, the disclosures
    await screenshot(page, 'report-page-phone');
  });

  it('downloads the per-post report CSV of the campaign', async () => {
    const page = await openReport(open.path);
    await ready(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Per-post report (CSV)' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(
      /^linkpost-stats-tulips-for-bloom-co-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const slugs = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(slugs.sort()).toEqual(['tulip-li', 'tulip-x']);
  });

  it('prints to a PDF with every section, its charts and no buttons', async () => {
    const page = await openReport(open.path);
    await ready(page);
    // What a browser does when asked to print: beforeprint (the charts redraw at paper width), then print media.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(
      await page
        .locator('canvas')
        .evaluateAll((cs) => cs.map((c) => Math.round((c as HTMLCanvasElement).width / devicePixelRatio))),
    ).toEqual([680, 680]);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'report.pdf'), pdf);
    const { pages } = await readPdf(pdf);
    const all = pages.join('\n');
    for (const expected of [
      'Tulips for Bloom & Co',
      'Campaign: Tulips',
      'Totals',
      'Clicks over time',
      'Posts compared from the hour they were posted',
      'Tulip launch on LinkedIn',
      'Tulip launch on X',
      'Networks',
      'How long a post lives',
      'Where the clicks came from',
      'When clicks arrive',
      'Insights',
    ])
      expect(all, expected).toContain(expected);
    for (const absent of ['Print or save as PDF', 'Per-post report (CSV)', 'Roses', 'Rose secret'])
      expect(all, absent).not.toContain(absent);
    // The summary page, then the posts, the networks, the heatmap and the insights each on a page of their own.
    const pageOf = (text: string) => pages.findIndex((p) => p.includes(text));
    expect(pages).toHaveLength(5);
    expect([
      pageOf('Totals'),
      pageOf('Clicks over time'),
      pageOf('Posts compared'),
      pageOf('Networks'),
      pageOf('Where the clicks came from'),
      pageOf('When clicks arrive'),
      pageOf('Insights'),
    ]).toEqual([0, 0, 1, 2, 2, 3, 4]);
    // Both charts are on paper: their axis titles exist only inside the canvases (the tables behind them stay
    // closed and off paper), whether Chromium prints a canvas as an image or, drawn for print, as vectors.
    expect(pages[0]).toContain('Date');
    expect(pages[1]).toContain('Hours since posted');
    expect(pages[0]!.split('Unique visitors').length - 1).toBe(2); // the card, and the chart's legend
  });

  it('asks for the password once, says when it is wrong, and remembers the right one', async () => {
    const page = await openReport(locked.path);
    expect(await page.locator('h1').textContent()).toBe('This report is protected');
    expect(await page.locator('body').textContent()).not.toContain('Tulips, protected');
    await page.getByLabel('Password').fill('wrong one');
    await page.getByRole('button', { name: 'Open the report' }).click();
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toBe('That password is not right.');
    dash.allowResourceErrors(401);
    await screenshot(page, 'report-password');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Open the report' }).click();
    await ready(page);
    expect(await page.locator('h1').textContent()).toBe('Tulips, protected');
    await page.reload();
    await ready(page);
    expect(await page.locator('h1').textContent()).toBe('Tulips, protected');
    expect(await page.locator('#report-csv').count()).toBe(0); // this one offers no CSV
  });

  it('answers 404 once revoked', async () => {
    const made = await dash.api('POST', '/api/reports', { title: 'Brief', slugs: ['tulip-x'] });
    expect((await dash.api('DELETE', `/api/reports/${made.body.id}`)).status).toBe(204);
    const page = await openReport(new URL(made.body.url).pathname);
    expect(await page.locator('h1').textContent()).toBe('Link not found');
    dash.allowResourceErrors(404);
  });
});
