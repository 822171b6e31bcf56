import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { contrast, focusRing, overflow, paintedText } from '../support/accessibility.js';
import { CHROME_UA, screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();

async function makeLinks(prefix: string) {
  const titles = ['Spring collection', 'Read the blog', 'Shop the sale'];
  for (const [i, title] of titles.entries()) {
    expect(
      (
        await dash.api('POST', '/api/links', {
          url: `https://example.com/${prefix}/${i}`,
          slug: `${prefix}-${i}`,
          title,
          network: 'instagram',
        })
      ).status,
    ).toBe(201);
  }
}

const entryLabels = (page: Page) => page.locator('.bio-entries .post-title').allTextContents();
const previewLabels = (page: Page) => page.locator('.bio-preview-entry').allTextContents();

async function addLink(page: Page, slug: string, label: string) {
  await page.getByLabel('Add a link').fill(slug);
  await page
    .locator('.bio-pick li', { hasText: `/${slug}` })
    .getByRole('button', { name: `Add “${label}”` })
    .click();
}

describe('the bio page editor', () => {
  it('creates a page: adds, reorders and removes entries with a live preview, then copies its address', async () => {
    await makeLinks('ed');
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/bio');
    await page.getByText('No bio pages yet.').waitFor();
    await page.getByRole('link', { name: 'New bio page' }).click();
    await page.getByLabel('Handle').fill('acme');
    await page.getByLabel('Title').fill('Acme Outdoor');
    await page.getByLabel('Text').fill('Gear for every trail.');
    expect(await page.locator('.bio-preview-title').textContent()).toBe('Acme Outdoor');
    await addLink(page, 'ed-0', 'Spring collection');
    await addLink(page, 'ed-1', 'Read the blog');
    await addLink(page, 'ed-2', 'Shop the sale');
    expect(await entryLabels(page)).toEqual(['Spring collection', 'Read the blog', 'Shop the sale']);
    // Keyboard-driven reordering keeps focus on the moved entry.
    await page.getByRole('button', { name: 'Move “Shop the sale” up' }).click();
    await page.keyboard.press('Enter');
    expect(await entryLabels(page)).toEqual(['Shop the sale', 'Spring collection', 'Read the blog']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Move “Shop the sale” down',
    );
    await page.getByRole('button', { name: 'Remove “Read the blog”' }).click();
    expect(await entryLabels(page)).toEqual(['Shop the sale', 'Spring collection']);
    expect(await previewLabels(page)).toEqual(['Shop the sale', 'Spring collection']);
    await screenshot(page, 'dashboard-bio-new');
    await page.getByRole('button', { name: 'Create page' }).click();
    await page.waitForURL((u) => u.hash === '#/bio/@acme');
    await page.getByText('Last 30 days').waitFor();

    const saved = (await dash.api('GET', '/api/bio-pages/acme')).body;
    expect(saved).toMatchObject({ title: 'Acme Outdoor', text: 'Gear for every trail.' });
    expect(saved.links.map((l: any) => l.slug)).toEqual(['ed-2', 'ed-0']);
    await page.getByRole('button', { name: `Copy ${dash.url}/@acme` }).click();
    await page.locator('.toast', { hasText: `Copied ${dash.url}/@acme` }).waitFor();

    // The public page shows the saved order.
    const visitor = await page.context().newPage();
    await visitor.goto(`${dash.url}/@acme`);
    expect(await visitor.getByRole('link').allTextContents()).toEqual(['Shop the sale', 'Spring collection']);
    await visitor.close();
  });

  it('edits a page, marking a disabled entry as not shown', async () => {
    await makeLinks('ch');
    await dash.api('POST', '/api/bio-pages', { handle: 'change', title: 'Change me', links: ['ch-0', 'ch-1'] });
    await dash.api('PATCH', '/api/links/ch-1', { disabled: true });
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/bio/@change');
    await page.locator('.bio-entries .badge-disabled', { hasText: 'Disabled: not shown' }).waitFor();
    expect(await previewLabels(page)).toEqual(['Spring collection']);
    await page.getByLabel('Title').fill('Changed');
    await addLink(page, 'ch-2', 'Shop the sale');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.toast', { hasText: `Saved ${dash.url}/@change` }).waitFor();
    const saved = (await dash.api('GET', '/api/bio-pages/change')).body;
    expect(saved.title).toBe('Changed');
    expect(saved.links.map((l: any) => l.slug)).toEqual(['ch-0', 'ch-1', 'ch-2']);
  });

  it('shows a taken or reserved handle under the field', async () => {
    await dash.api('POST', '/api/bio-pages', { handle: 'taken', title: 'Taken', links: [] });
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/bio/new');
    await page.getByLabel('Handle').fill('taken');
    await page.getByLabel('Title').fill('Mine');
    await page.getByRole('button', { name: 'Create page' }).click();
    await page.locator('#bio-handle-error', { hasText: 'the handle "taken" is already taken' }).waitFor();
    dash.allowResourceErrors(409);
    await page.getByLabel('Handle').fill('api');
    await page.getByRole('button', { name: 'Create page' }).click();
    await page.locator('#bio-handle-error', { hasText: 'reserved' }).waitFor();
    expect(await page.getByLabel('Handle').getAttribute('aria-invalid')).toBe('true');
  });

  it("shows the page's views and each entry's clicks from the page", async () => {
    await makeLinks('st');
    await dash.api('POST', '/api/bio-pages', { handle: 'stats', title: 'Stats', links: ['st-0', 'st-1'] });
    for (const ua of [
      CHROME_UA,
      CHROME_UA,
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    ]) {
      await fetch(`${dash.url}/@stats`, { headers: { 'user-agent': ua } });
    }
    await dash.visit('st-1?bio=1');
    await dash.visit('st-1?bio=1');
    await dash.visit('st-1'); // not from the page
    await dash.counted('st-1', 3);
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/bio/@stats');
    const stat = (label: string) => page.locator('.stat', { hasText: label }).locator('.stat-value');
    await expect.poll(() => stat('Page views').textContent()).toBe('2');
    expect(await stat('Bot views').textContent()).toBe('1');
    expect(await stat('Clicks from the page').textContent()).toBe('2');
    const rows = await page
      .locator('.bio-stats tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['Spring collection', '0', '0'],
      ['Read the blog', '2', '0'],
    ]);
    await screenshot(page, 'dashboard-bio-stats');
    await page.goto(`${dash.url}/dashboard/#/bio`);
    await expect
      .poll(() => page.locator('tr[data-handle="stats"] td[data-label="Views (30 days)"]').textContent())
      .toBe('2');
  });

  it('fits a 375 px phone and keeps contrast and focus rings on the list and the editor', async () => {
    await makeLinks('ph');
    await dash.api('POST', '/api/bio-pages', {
      handle: 'phone',
      title: 'A phone page with a title long enough to wrap',
      text: 'Text',
      links: ['ph-0', 'ph-1', 'ph-2'],
    });
    await dash.api('PATCH', '/api/links/ph-2', { disabled: true });
    const page = await dash.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await dash.signIn(page, '#/bio');
    const failures: string[] = [];
    for (const [name, hash, ready] of [
      ['list', '#/bio', 'tr[data-handle="phone"]'],
      ['editor', '#/bio/@phone', '.bio-stats'],
      ['new', '#/bio/new', '.bio-pick li'],
    ] as const) {
      await page.goto(`${dash.url}/dashboard/${hash}`);
      await page.locator(ready).first().waitFor();
      expect(await overflow(page), name).toBeLessThanOrEqual(0);
      await screenshot(page, `phone-bio-${name}`);
      for (const t of await paintedText(page)) {
        const ratio = contrast(t.color, t.backgrounds);
        if (ratio < (t.large ? 3 : 4.5)) failures.push(`${name} text ${t.what}: ${ratio.toFixed(2)}:1`);
      }
      await page.locator('h1').focus();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const ring = await focusRing(page);
        if (ring.what.startsWith('body')) break;
        const ratio = contrast(ring.color, ring.backgrounds);
        if (ring.style === 'none' || ring.width < 2 || ratio < 3 || ring.clipped)
          failures.push(
            `${name} focus ${ring.what}: ${ring.style} ${ring.width}px ${ratio.toFixed(2)}:1${ring.clipped ? ' clipped' : ''}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });
});
