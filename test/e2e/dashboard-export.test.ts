import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { downloadCsv, GOOGLEBOT_UA, screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();
const HOUR = 60 * 60 * 1000;
const DAY = /\d{4}-\d{2}-\d{2}/.source;

const cardValue = (page: Page, label: string) =>
  page
    .locator('.stat', { has: page.locator('.stat-label', { hasText: label }) })
    .locator('.stat-value')
    .textContent();

/** Sets the period to whole local days through the Custom controls, as a reader would. */
async function customRange(page: Page, from: string, to: string) {
  await page.getByRole('button', { name: 'Custom' }).click();
  await page.getByLabel('To', { exact: true }).fill(to);
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('From', { exact: true }).dispatchEvent('change');
  await expect.poll(() => page.url()).toContain(`from=${from}&to=${to}`);
}

describe('exports hold what is on screen', () => {
  it('follows a campaign page’s bots mode and period in the rows and the file name', async () => {
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/exp',
      title: 'Export post',
      campaign: 'Export Test',
      network: 'linkedin',
      slug: 'exp-a',
    });
    await dash.visit('exp-a');
    await dash.visit('exp-a', { referer: 'https://www.linkedin.com/' });
    await dash.visit('exp-a', { 'user-agent': GOOGLEBOT_UA });
    await dash.counted('exp-a', 2, 1);

    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/campaigns/Export%20Test');
    const today = await page.getByLabel('To', { exact: true }).inputValue(); // the browser's own day
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 24 * HOUR).toISOString().slice(0, 10);

    await page.getByLabel('Count', { exact: true }).selectOption('only');
    await expect.poll(() => cardValue(page, 'Bot clicks')).toBe('1');
    const bots = await downloadCsv(page, 'Download clicks (CSV)');
    expect(bots.filename).toMatch(
      new RegExp(`^linkpost-clicks-export-test-bots-from-${DAY}-to-${today}-${today}\\.csv$`),
    );
    expect(bots.bom).toBe(true);
    expect(bots.rows.map((r) => [r.slug, r.bot])).toEqual([['exp-a', 'true']]);
    const report = await downloadCsv(page, 'Per-post report (CSV)');
    expect(report.filename).toMatch(new RegExp(`^linkpost-stats-export-test-bots-${DAY}-${today}\\.csv$`));
    expect(report.rows).toMatchObject([{ slug: 'exp-a', clicks: '1', bots: '1' }]);

    // Yesterday alone: no clicks on screen, none in the file.
    await customRange(page, yesterday, yesterday);
    await expect.poll(() => cardValue(page, 'Bot clicks')).toBe('0');
    const none = await downloadCsv(page, 'Download clicks (CSV)');
    expect(none.filename).toBe(`linkpost-clicks-export-test-bots-from-${yesterday}-to-${yesterday}-${today}.csv`);
    expect(none.rows).toEqual([]);

    // Yesterday and today, people and bots: all three.
    await page.getByLabel('Count', { exact: true }).selectOption('include');
    await customRange(page, yesterday, today);
    await expect.poll(() => cardValue(page, 'Clicks')).toBe('3');
    const all = await downloadCsv(page, 'Download clicks (CSV)');
    expect(all.filename).toBe(`linkpost-clicks-export-test-from-${yesterday}-to-${today}-${today}.csv`);
    expect(all.rows.map((r) => r.bot).sort()).toEqual(['false', 'false', 'true']);
    await screenshot(page, 'campaign-export');
  });

  it('keeps a link page’s feed and its CSV to the same clicks', async () => {
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/csv',
      title: 'CSV, "quoted" post',
      campaign: 'CSV Test',
      network: 'linkedin',
      slug: 'csv-post',
    });
    await dash.visit('csv-post');
    await dash.visit('csv-post', { 'user-agent': GOOGLEBOT_UA });
    await dash.counted('csv-post', 1, 1);
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/link/csv-post');

    // People only (the default): one row in the feed, one in the file.
    await expect.poll(() => page.locator('.feed tbody tr').count(), { timeout: 15_000 }).toBe(1);
    const people = await downloadCsv(page, 'Download clicks (CSV)');
    expect(people.filename).toMatch(/^linkpost-clicks-csv-post-humans-from-.*\.csv$/);
    expect(people.rows).toHaveLength(1);
    expect(people.rows[0]).toMatchObject({
      slug: 'csv-post',
      title: 'CSV, "quoted" post',
      campaign: 'CSV Test',
      network: 'linkedin',
      bot: 'false',
    });

    await page.getByLabel('Count', { exact: true }).selectOption('include');
    await expect.poll(() => page.locator('.feed tbody tr').count()).toBe(2);
    const both = await downloadCsv(page, 'Download clicks (CSV)');
    expect(both.filename).not.toContain('humans');
    expect(both.rows.map((r) => r.bot).sort()).toEqual(['false', 'true']);
  });

  it('downloads the Compare table as it stands, formulas defused', async () => {
    const now = Date.now();
    const postedA = new Date(now - 30 * HOUR).toISOString(); // its click lands in hour 30: after 24 h, within 72 h
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/x1',
      title: '=HYPERLINK("http://evil")',
      campaign: 'Cmp CSV',
      network: 'x',
      slug: 'cc-a',
      postedAt: postedA,
    });
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/x2',
      title: 'Plain, post',
      campaign: 'Cmp CSV',
      network: 'linkedin',
      slug: 'cc-b',
      postedAt: new Date(now - 2 * HOUR).toISOString(),
    });
    await dash.visit('cc-a');
    await dash.visit('cc-b');
    await dash.visit('cc-b');
    await dash.counted('cc-a', 1);
    await dash.counted('cc-b', 2);

    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/compare?campaign=Cmp%20CSV');
    await expect.poll(() => page.locator('.compare-table tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: 'First 7 days' }).click();
    const csv = await downloadCsv(page, 'Download table (CSV)');
    const today = await page.evaluate(() => new Date().toLocaleDateString('sv')); // YYYY-MM-DD, local
    expect(csv.filename).toBe(`linkpost-compare-cmp-csv-posts-${today}.csv`);
    expect(csv.bom).toBe(true);
    const bySlug = Object.fromEntries(csv.rows.map((r) => [r.slug, r]));
    expect(bySlug['cc-a']).toEqual({
      post: `'=HYPERLINK("http://evil")`,
      slug: 'cc-a',
      network: 'x',
      posted_at: postedA,
      clicks_first_24h: '0',
      clicks_first_72h: '1',
      clicks_first_168h: '1',
      best_in_first_168h: 'false',
    });
    expect(bySlug['cc-b']).toMatchObject({
      post: 'Plain, post',
      clicks_first_24h: '2',
      clicks_first_72h: '2',
      clicks_first_168h: '2',
      best_in_first_168h: 'true',
    });

    // Networks side by side: one row per network.
    await page.getByRole('button', { name: 'Networks' }).click();
    await expect.poll(() => page.locator('.compare-table thead').textContent()).toContain('Network');
    const networks = await downloadCsv(page, 'Download table (CSV)');
    expect(networks.filename).toBe(`linkpost-compare-cmp-csv-networks-${today}.csv`);
    expect(networks.rows.map((r) => [r.network, r.posts, r.clicks_first_168h]).sort()).toEqual([
      ['LinkedIn', '1', '2'],
      ['X (Twitter)', '1', '1'],
    ]);
  });
});
