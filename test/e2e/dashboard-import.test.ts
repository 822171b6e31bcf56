import { describe, expect, it } from 'vitest';
import { screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();

const file = (text: string) => ({ name: 'posts.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe('importing links from a CSV file in a real browser', () => {
  it('lists every rejected row by spreadsheet row and creates nothing, then previews and creates a fixed file', async () => {
    expect((await dash.api('POST', '/api/links', { url: 'https://example.com/held', slug: 'imp-held' })).status).toBe(
      201,
    );
    const page = await dash.newPage();
    await dash.signIn(page, '#/links');
    await page.getByRole('link', { name: 'Import CSV' }).click();
    await page.waitForURL(/#\/links\/import$/);

    const bad = [
      '\uFEFFURL,Slug,Title,Campaign,Network,posted_at',
      'https://example.com/a,imp-a,"Launch, day one",Import Test,LinkedIn,2026-03-01T09:00:00Z',
      'ftp://example.com/no,,,Import Test,,',
      ',,,,,', // an emptied row: skipped, but row numbers still count it
      'https://example.com/b,imp-held,,Import Test,x,',
      'https://example.com/c,imp-a,,Import Test,myspace,',
    ].join('\r\n');
    await page.getByLabel('CSV file').setInputFiles(file(bad));
    const rejected = page.locator('#import-rejected tbody tr');
    await expect.poll(() => rejected.count()).toBe(3);
    expect(await rejected.locator('td[data-label="Row"]').allTextContents()).toEqual(['3', '5', '6']);
    const why = await rejected.locator('td[data-label="Why"]').allTextContents();
    expect(why[1]).toBe('the slug "imp-held" is already taken');
    expect(why[2]).toMatch(/already used on row 0|network/);
    expect(await page.getByRole('alert').first().textContent()).toContain('3 of 4 rows cannot be imported');
    expect(await page.locator('#import-create').count()).toBe(0);
    dash.allowResourceErrors(400);
    await screenshot(page, 'import-rejected');
    expect((await dash.api('GET', '/api/links?campaign=Import%20Test')).body.links).toEqual([]);

    const good = [
      'url,slug,title,campaign,network,posted_at',
      'https://example.com/a,imp-a,"Launch, day one",Import Test,LinkedIn,2026-03-01T09:00:00Z',
      'https://example.com/b,,"Multi\nline",Import Test,twitter,',
    ].join('\n');
    await page.getByLabel('CSV file').setInputFiles(file(good));
    const create = page.getByRole('button', { name: 'Create 2 links' });
    await create.waitFor();
    expect(await page.locator('.import-result tbody td[data-label="Slug"]').allTextContents()).toEqual([
      'imp-a',
      'random',
    ]);
    // A dry run so far: nothing exists yet.
    expect((await dash.api('GET', '/api/links?campaign=Import%20Test')).body.links).toEqual([]);
    await screenshot(page, 'import-preview');
    await create.click();
    await page.waitForURL(/#\/links$/);
    const { links } = (await dash.api('GET', '/api/links?campaign=Import%20Test')).body;
    expect(links.map((l: any) => [l.title, l.network, l.postedAt]).reverse()).toEqual([
      ['Launch, day one', 'linkedin', '2026-03-01T09:00:00.000Z'],
      ['Multi\nline', 'x', null],
    ]);
    expect(links[1].destination).toBe(
      'https://example.com/a?utm_source=linkedin&utm_medium=social&utm_campaign=import-test',
    );
  });

  it('says what is wrong with a file it cannot use, before asking the server', async () => {
    const page = await dash.newPage();
    await dash.signIn(page, '#/links/import');
    await page.getByLabel('CSV file').setInputFiles(file('link,title\nhttps://example.com,x\n'));
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Unknown column "link"');
    await page.getByLabel('CSV file').setInputFiles(file('url,title\n'));
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('no rows');
  });
});
