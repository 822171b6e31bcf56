import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { GOOGLEBOT_UA as GOOGLEBOT, screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const counted = (slug: string, clicks: number, bots = 0) => dash.counted(slug, clicks, bots);
const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
const card = (page: Page, label: string) =>
  page
    .locator('.stat', { has: page.locator('.stat-label', { hasText: label }) })
    .locator('.stat-value')
    .textContent();

describe('the analytics views in a real browser', () => {
  it('shows a campaign’s clicks, unique visitors and the bot hits kept out, with chart and breakdowns', async () => {
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/ov',
      title: 'Overview post',
      campaign: 'Overview Test',
      network: 'linkedin',
      slug: 'ov-post',
    });
    await dash.visit('ov-post', { referer: 'https://www.linkedin.com/feed/' });
    await dash.visit('ov-post', { referer: 'https://www.linkedin.com/feed/' });
    await dash.visit('ov-post', { 'user-agent': GOOGLEBOT });
    await counted('ov-post', 2, 1);

    const page = await dash.newPage();
    await dash.signIn(page, '#/campaigns/Overview%20Test');
    await expect.poll(() => card(page, 'Clicks')).toBe('2');
    expect(await card(page, 'Unique visitors')).toBe('1');
    expect(await card(page, 'Bot hits filtered out')).toBe('1');
    expect(await page.locator('.chart-card canvas').count()).toBe(1);
    expect(await text(page, '.breakdown:has(h2:text("Top posts")) li')).toContain('Overview post');
    expect(await text(page, '.breakdown:has(h2:text("Networks")) li')).toContain('LinkedIn');
    await screenshot(page, 'campaign-page');

    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.waitForURL(/#\/overview$/);
    await expect
      .poll(() => page.locator('.breakdown:has(h2:text("Top posts"))').textContent())
      .toContain('Overview post');
    await page.getByRole('button', { name: '7 days' }).click();
    await expect.poll(() => page.url()).toContain('range=7d');
    await expect
      .poll(() => page.locator('.breakdown:has(h2:text("Top posts"))').textContent())
      .toContain('Overview post');
    await page.getByRole('button', { name: 'Custom' }).click();
    const today = await page.getByLabel('To', { exact: true }).inputValue();
    await page.getByLabel('From', { exact: true }).fill(today);
    await page.getByLabel('From', { exact: true }).dispatchEvent('change');
    await expect.poll(() => page.url()).toContain(`from=${today}`);
    await expect.poll(() => text(page, '.breakdown:has(h2:text("Top posts")) li')).toContain('Overview post');
    await page.getByLabel('Count', { exact: true }).selectOption('only');
    await expect.poll(() => card(page, 'Bot clicks')).not.toBe('0');
    await screenshot(page, 'overview');
  });

  it('compares a poster’s QR scans with the clicks of its online posts on the campaign page', async () => {
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/poster',
      title: 'Poster',
      campaign: 'Poster Test',
      slug: 'qr-poster-page',
    });
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/online',
      title: 'Online',
      campaign: 'Poster Test',
      network: 'x',
      slug: 'qr-online-page',
    });
    await dash.visit('qr-poster-page?qr=1');
    await dash.visit('qr-poster-page?qr=1', { 'x-forwarded-for': '81.2.69.150' });
    await dash.visit('qr-online-page', { referer: 'https://t.co/x' });
    await counted('qr-poster-page', 2);
    await counted('qr-online-page', 1);

    const page = await dash.newPage();
    await dash.signIn(page, '#/campaigns/Poster%20Test');
    const panel = page.locator('.breakdown:has(h2:text("Link clicks and QR scans")) li');
    await expect
      .poll(() => panel.allTextContents())
      .toEqual([expect.stringMatching(/^QR scans\s*2/), expect.stringMatching(/^Link clicks\s*1/)]);
    await screenshot(page, 'campaign-qr-scans');
  });

  it('updates a link’s click feed and count while its page is open', async () => {
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/feed',
      title: 'Feed post',
      network: 'x',
      slug: 'feed-post',
    });
    const page = await dash.newPage();
    await dash.signIn(page, '#/link/feed-post?bots=include');
    await expect.poll(() => text(page, 'section[aria-labelledby="feed-h"] .empty-title')).toBe('No clicks yet.');
    expect(await text(page, '.link-clicks')).toBe('0');
    expect(await text(page, 'section[aria-labelledby="feed-h"] > .hint')).toMatch(/^People and bots · Last 30 days/);

    await dash.visit('feed-post', { referer: 'https://t.co/abc' });
    await expect.poll(() => page.locator('.feed tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => text(page, '.link-clicks'), { timeout: 10_000 }).toBe('1');
    expect(await text(page, '.feed tbody tr')).toContain('Person');
    await dash.visit('feed-post', { 'user-agent': GOOGLEBOT });
    await expect.poll(() => page.locator('.feed tbody tr').count(), { timeout: 15_000 }).toBe(2);
    expect(await page.locator('.feed tbody tr.fresh').textContent()).toContain('Bot');
    expect(await text(page, '.link-clicks')).toBe('1'); // bots never count as people
    await screenshot(page, 'link-page');

    // The feed follows the page's Count setting, as its CSV does.
    await page.getByLabel('Count', { exact: true }).selectOption('exclude');
    await expect.poll(() => page.locator('.feed tbody tr').count()).toBe(1);
    expect(await text(page, '.feed tbody tr')).toContain('Person');
    expect(await text(page, 'section[aria-labelledby="feed-h"] > .hint')).toMatch(/^People only · Last 30 days/);
  });

  it('lists campaigns with their posts, clicks, visitors and best network, sortable, leading to each campaign', async () => {
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/s1',
      campaign: 'Zebra Sort',
      network: 'x',
      slug: 'sort-z',
    });
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/s2',
      campaign: 'Aardvark Sort',
      network: 'x',
      slug: 'sort-a',
    });
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/s3',
      campaign: 'Aardvark Sort',
      network: 'linkedin',
      slug: 'sort-a-li',
    });
    await dash.visit('sort-z');
    // Aardvark: one person clicks both posts, another only the LinkedIn one, so LinkedIn leads 2 to 1.
    await dash.visit('sort-a');
    await dash.visit('sort-a-li');
    await dash.visit('sort-a-li', { 'user-agent': FIREFOX });
    await counted('sort-z', 1);
    await counted('sort-a', 1);
    await counted('sort-a-li', 2);
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/campaigns');
    const names = () => page.locator('tbody td[data-label="Campaign"]').allTextContents();
    await expect.poll(names).toContain('Aardvark Sort');
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name: 'Aardvark Sort', exact: true }) });
    const cells = await row
      .locator('td')
      .evaluateAll((tds) => Object.fromEntries(tds.map((td) => [td.dataset.label, td.textContent])));
    // A unique is one visitor on one post on one day (docs/analytics.md, "Unique visitors"): 1 + 2.
    expect(cells).toMatchObject({ Posts: '2', Clicks: '3', 'Unique visitors': '3', 'Best network': 'LinkedIn' });

    // Most clicked first, then the other way round.
    const clicks = async () => (await page.locator('tbody td[data-label="Clicks"]').allTextContents()).map(Number);
    expect(await page.locator('th[aria-sort]').textContent()).toMatch(/^Clicks/);
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    const descending = await clicks();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect((await names()).indexOf('Aardvark Sort')).toBeLessThan((await names()).indexOf('Zebra Sort'));
    await page.getByRole('button', { name: /^Clicks/ }).click();
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    expect(await clicks()).toEqual([...descending].reverse());
    expect((await names()).indexOf('Aardvark Sort')).toBeGreaterThan((await names()).indexOf('Zebra Sort'));
    expect(page.url()).toContain('sort=clicks&dir=asc');

    await page.getByRole('button', { name: 'Campaign', exact: true }).click();
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('button', { name: 'Campaign', exact: true }).click();
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    const sorted = await names();
    expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b)));
    await screenshot(page, 'campaigns');
    await page.getByRole('link', { name: 'Zebra Sort' }).click();
    await expect.poll(() => text(page, 'h1')).toBe('Zebra Sort');
  });
});
