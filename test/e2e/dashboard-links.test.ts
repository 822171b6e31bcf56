import { describe, expect, it } from 'vitest';
import { screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();

describe('the links page in a real browser', () => {
  it('narrows the list by search, campaign and network, copies a short URL and saves an edited title', async () => {
    const links = [
      { slug: 'flt-a', title: 'Alpha launch', campaign: 'Filter One', network: 'linkedin' },
      { slug: 'flt-b', title: 'Alpha teaser', campaign: 'Filter One', network: 'x' },
      { slug: 'flt-c', title: 'Alpha recap', campaign: 'Filter Two', network: 'linkedin' },
      { slug: 'flt-d', title: 'Beta launch', campaign: 'Filter One', network: 'linkedin' },
    ];
    for (const l of links)
      expect((await dash.api('POST', '/api/links', { url: `https://example.com/${l.slug}`, ...l })).status).toBe(201);

    const page = await dash.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await dash.signIn(page, '#/links');
    const slugs = () =>
      page.locator('tr[data-slug]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.slug).sort());
    await expect.poll(slugs).toEqual(['flt-a', 'flt-b', 'flt-c', 'flt-d']);

    await page.getByLabel('Search').fill('Alpha');
    await expect.poll(slugs).toEqual(['flt-a', 'flt-b', 'flt-c']);
    await page.getByLabel('Campaign').selectOption('Filter One');
    await expect.poll(slugs).toEqual(['flt-a', 'flt-b']);
    await page.getByLabel('Network').selectOption('linkedin');
    await expect.poll(slugs).toEqual(['flt-a']);
    // The filters live in the address, so a reload (or a shared link) shows the same list.
    expect(new URL(page.url()).hash).toBe('#/links?q=Alpha&campaign=Filter+One&network=linkedin');
    await page.reload();
    await expect.poll(slugs).toEqual(['flt-a']);
    await screenshot(page, 'links-filtered');

    const shortUrl = `${dash.url}/flt-a`;
    await page.getByRole('button', { name: `Copy ${shortUrl}` }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(shortUrl);
    expect(await page.locator('.toast').first().textContent()).toBe(`Copied ${shortUrl}`);

    await page.getByRole('link', { name: 'Edit Alpha launch' }).click();
    await page.waitForURL(/#\/links\/flt-a\/edit$/);
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('Alpha launch');
    await page.getByLabel('Title').fill('Alpha launch, take two');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/#\/links\?highlight=flt-a$/);
    await expect
      .poll(() => page.locator('tr.row-new[data-slug="flt-a"] .post-title').textContent())
      .toBe('Alpha launch, take two');
    const saved = await dash.api('GET', '/api/links/flt-a');
    expect(saved.body).toMatchObject({ title: 'Alpha launch, take two', campaign: 'Filter One', network: 'linkedin' });
  });
});
