import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();
const HOUR = 60 * 60 * 1000;

/**
 * Three posts of one campaign, each clicked now, so each click lands at a known hour after its
 * post: 3 clicks at hour 2, 4 at hour 30, 5 at hour 100. The first 24 h, 72 h and 7 days
 * then each have a different best post.
 */
const POSTS = [
  { slug: 'p-new', title: 'New post', network: 'linkedin', hoursAgo: 2, clicks: 3 },
  { slug: 'p-mid', title: 'Mid post', network: 'x', hoursAgo: 30, clicks: 4 },
  { slug: 'p-old', title: 'Old post', network: 'linkedin', hoursAgo: 100, clicks: 5 },
];

/** Creates and clicks the posts once, for whichever test runs first (expect.poll needs a test). */
let seeded: Promise<void> | null = null;
const seed = () =>
  (seeded ??= (async () => {
    const now = Date.now();
    for (const p of POSTS) {
      await dash.api('POST', '/api/links', {
        url: `https://example.com/${p.slug}`,
        title: p.title,
        campaign: 'Cmp Pick',
        network: p.network,
        slug: p.slug,
        postedAt: new Date(now - p.hoursAgo * HOUR).toISOString(),
      });
    }
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/elsewhere',
      title: 'Elsewhere post',
      campaign: 'Other',
      network: 'x',
      slug: 'p-else',
      postedAt: new Date(now - 5 * HOUR).toISOString(),
    });
    for (const p of POSTS) for (let i = 0; i < p.clicks; i++) await dash.visit(p.slug);
    for (const p of POSTS) await dash.counted(p.slug, p.clicks);
  })());

/** The compare table's row for a post (or network), as {column label: text}. */
async function tableRow(page: Page, name: string) {
  const row = page.locator('.compare-table tbody tr', { hasText: name });
  const cells = await row
    .locator('td')
    .evaluateAll((tds) => tds.map((td) => [td.dataset.label, td.textContent!.trim()]));
  return Object.fromEntries(cells) as Record<string, string>;
}

/** The chart's "Show as table" values at one hour, per curve: what the line passes through. */
async function chartAt(page: Page, hour: number) {
  return page.locator('#cmp-chart-h + div .chart-table table').evaluate((table, label) => {
    const names = [...table.querySelectorAll('thead th')].slice(1).map((th) => th.textContent);
    const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')!.textContent === label);
    return row ? Object.fromEntries([...row.querySelectorAll('td')].map((td, i) => [names[i], td.textContent])) : null;
  }, `${hour} h`);
}

describe('Compare in a real browser', () => {
  it('compares the posts ticked in the picker over 24 h, 72 h and 7 days, per hour and as a running total', async () => {
    await seed();
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/compare');
    await expect.poll(() => page.locator('.empty-title').textContent()).toBe('Choose what to compare.');

    await page.getByRole('checkbox', { name: /New post/ }).check();
    await page.getByRole('checkbox', { name: /Mid post/ }).check();
    await expect.poll(() => page.locator('.compare-table tbody tr').count()).toBe(2);
    expect(page.url()).toContain('slug=p-new&slug=p-mid');
    await page.getByRole('checkbox', { name: /Old post/ }).check();
    await expect.poll(() => page.locator('.compare-table tbody tr').count()).toBe(3);

    const windows = (r: Record<string, string>) => [r['First 24 h'], r['First 72 h'], r['First 7 days']];
    expect(windows(await tableRow(page, 'New post'))).toEqual(['3', '3', '3']);
    expect(windows(await tableRow(page, 'Mid post'))).toEqual(['0', '4', '4']);
    expect(windows(await tableRow(page, 'Old post'))).toEqual(['0', '0', '5']);

    // The best post is the best of the window shown: 72 h at first, then 24 h, then 7 days.
    const best = () =>
      page
        .locator('.compare-table tbody tr', { has: page.locator('.badge-best') })
        .locator('td[data-label="Post"] a')
        .allTextContents();
    await expect.poll(best).toEqual(['Mid post']);
    await page.getByRole('button', { name: 'First 24 h' }).click();
    await expect.poll(best).toEqual(['New post']);
    await page.getByRole('button', { name: 'First 7 days' }).click();
    await expect.poll(best).toEqual(['Old post']);

    // Per hour: each post's clicks in its own hour, gaps where an hour has not come yet.
    await page.getByText('Show as table').click();
    expect(await chartAt(page, 2)).toEqual({ 'New post': '3', 'Mid post': '0', 'Old post': '0' });
    expect(await chartAt(page, 3)).toEqual({ 'New post': '—', 'Mid post': '0', 'Old post': '0' });
    expect(await chartAt(page, 30)).toEqual({ 'New post': '—', 'Mid post': '4', 'Old post': '0' });
    expect(await chartAt(page, 100)).toEqual({ 'New post': '—', 'Mid post': '—', 'Old post': '5' });

    // Running total: the sums so far, flat after each post's click.
    await page.getByRole('button', { name: 'Running total' }).click();
    await expect
      .poll(() => page.locator('#cmp-chart-h').textContent())
      .toBe('First 7 days after posting, running total');
    await page.getByText('Show as table').click();
    expect(await chartAt(page, 1)).toEqual({ 'New post': '0', 'Mid post': '0', 'Old post': '0' });
    expect(await chartAt(page, 2)).toEqual({ 'New post': '3', 'Mid post': '0', 'Old post': '0' });
    expect(await chartAt(page, 29)).toEqual({ 'New post': '—', 'Mid post': '0', 'Old post': '0' });
    expect(await chartAt(page, 30)).toEqual({ 'New post': '—', 'Mid post': '4', 'Old post': '0' });
    expect(await chartAt(page, 99)).toEqual({ 'New post': '—', 'Mid post': '—', 'Old post': '0' });
    expect(await chartAt(page, 100)).toEqual({ 'New post': '—', 'Mid post': '—', 'Old post': '5' });
    expect(new URL(page.url()).hash).toMatch(/hours=168&mode=cumulative/);
    await screenshot(page, 'compare-posts');
  });

  it('compares a whole campaign, and the campaign’s networks', async () => {
    await seed();
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/compare');
    await page.getByLabel('Campaign', { exact: true }).selectOption('Cmp Pick');
    // Nothing ticked: every post of the campaign, and only those.
    const names = () => page.locator('.compare-table td[data-label="Post"] a').allTextContents();
    await expect.poll(async () => (await names()).sort()).toEqual(['Mid post', 'New post', 'Old post']);
    expect(await page.locator('.posts-picker .hint').textContent()).toContain(
      'leave all unticked to compare every post of the campaign',
    );
    expect(page.url()).toContain('campaign=Cmp+Pick');

    await page.getByRole('button', { name: 'Networks' }).click();
    await expect.poll(() => page.locator('.compare-table td[data-label="Network"]').allTextContents()).toHaveLength(2);
    const r = (n: string) =>
      tableRow(page, n).then((row) => [row['First 24 h'], row['First 72 h'], row['First 7 days']]);
    // LinkedIn sums New (3 at hour 2) and Old (5 at hour 100), each from its own posting hour.
    expect(await r('LinkedIn')).toEqual(['3', '3', '8']);
    expect(await r('X (Twitter)')).toEqual(['0', '4', '4']);
    await screenshot(page, 'compare-networks');
  });
});
