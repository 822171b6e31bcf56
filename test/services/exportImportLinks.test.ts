import { afterEach, describe, expect, it } from 'vitest';
import { readImportFile } from '../../src/cli/import.js';
import { importLinks, type ImportRow } from '../../src/services/importLinks.js';
import { makeTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
afterEach(() => t?.close());

async function setup() {
  t = await makeTestApp();
  return t.deps;
}
const count = () => (t.database.sqlite.prepare('SELECT count(*) AS n FROM links').get() as { n: number }).n;
const row = (line: number, values: ImportRow['values']): ImportRow => ({ line, values });

describe('importLinks (import links in bulk)', () => {
  it('creates every row through createLink, with UTM, networks and random slugs', async () => {
    const deps = await setup();
    const result = await importLinks(deps, [
      row(2, {
        url: 'https://example.com/a',
        slug: 'a',
        title: 'Two\nlines',
        campaign: 'Spring Launch',
        network: 'LinkedIn',
        posted_at: '2026-03-01T09:00:00Z',
      }),
      row(3, { url: ' https://example.com/b ', slug: '', network: 'twitter' }),
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.created.map((l) => [l.slug, l.destination, l.title, l.postedAt])).toEqual([
      [
        'a',
        'https://example.com/a?utm_source=linkedin&utm_medium=social&utm_campaign=spring-launch',
        'Two\nlines',
        Date.parse('2026-03-01T09:00:00Z'),
      ],
      [expect.stringMatching(/^rand\d{3}$/), 'https://example.com/b?utm_source=x&utm_medium=social', null, null],
    ]);
    expect(count()).toBe(2);
  });

  it('takes a preview card from the preview_* columns, naming them in its problems', async () => {
    const deps = await setup();
    const ok = await importLinks(deps, [
      row(2, {
        url: 'https://example.com/c',
        slug: 'card',
        preview_title: 'Card',
        preview_image_url: 'https://cdn.example.com/c.png',
      }),
      row(3, { url: 'https://example.com/d', slug: 'plain' }),
    ]);
    expect(ok.ok && ok.created.map((l) => l.preview)).toEqual([
      { title: 'Card', description: null, imageUrl: 'https://cdn.example.com/c.png' },
      null,
    ]);
    const bad = await importLinks(deps, [
      row(2, { url: 'https://example.com/e', preview_description: 'no title' }),
      row(3, { url: 'https://example.com/f', preview_title: 'T', preview_image_url: 'http://cdn.example.com/f.png' }),
    ]);
    expect(bad).toEqual({
      ok: false,
      rows: 2,
      rejected: [
        { line: 2, message: 'preview_title: a preview needs a title' },
        { line: 3, message: 'preview_image_url: expected an https:// URL' },
      ],
    });
  });

  it('reports every bad row by line, including slugs repeated in the file or taken, and creates nothing', async () => {
    const deps = await setup();
    await t.api('POST', '/api/links', { url: 'https://example.com/old', slug: 'taken' });
    const result = await importLinks(deps, [
      row(2, { url: 'https://example.com/ok', slug: 'fine' }),
      row(3, { url: 'javascript:alert(1)' }),
      row(4, { url: 'https://example.com/x', slug: 'taken' }),
      row(5, { url: 'https://example.com/y', slug: 'fine' }),
      row(7, { url: 'https://example.com/z', network: 'myspace' }),
      row(8, { url: 'https://example.com/w', posted_at: 'last tuesday' }),
      row(9, { url: 'https://lp.test/loop' }),
      { line: 10, values: {}, problem: 'expected 3 fields, found 4' },
      row(11, { url: 'https://example.com/v', slug: 'api' }),
    ]);
    expect(result).toEqual({
      ok: false,
      rows: 9,
      rejected: [
        { line: 3, message: expect.stringMatching(/http/) },
        { line: 4, message: 'the slug "taken" is already taken' },
        { line: 5, message: 'slug "fine" is already used on line 2' },
        { line: 7, message: expect.stringMatching(/^network: unknown network "myspace"/) },
        { line: 8, message: 'posted_at: expected an ISO 8601 date-time' },
        { line: 9, message: expect.stringMatching(/this server|own host|itself/i) },
        { line: 10, message: 'expected 3 fields, found 4' },
        { line: 11, message: '"api" is reserved by linkpost' },
      ],
    });
    expect(count()).toBe(1);
  });

  it('rolls everything back when a row fails while creating (a slug taken meanwhile)', async () => {
    const deps = await setup();
    // Another writer takes "late" between the check and the creation.
    await t.api('POST', '/api/links', { url: 'https://example.com/other', slug: 'late' });
    let checks = 0;
    const racing = {
      ...deps,
      links: {
        ...deps.links,
        // The first check (before inserting) misses it; later lookups see it.
        takenSlugs: async (slugs: string[]) => (++checks === 1 ? new Set<string>() : deps.links.takenSlugs(slugs)),
      },
    };
    await expect(
      importLinks(racing, [
        row(2, { url: 'https://example.com/1', slug: 'early' }),
        row(3, { url: 'https://example.com/2', slug: 'late' }),
      ]),
    ).rejects.toThrow('line 3: the slug "late" is already taken; nothing was created');
    expect(count()).toBe(1);
  });
});

describe('reading an import file', () => {
  it('keeps quoted commas and newlines, strips a BOM, and numbers rows by the line they start on', () => {
    const rows = readImportFile(
      '\uFEFFURL,Title,slug\r\nhttps://example.com/a,"Multi\nline, ""quoted""",a\r\n\r\nhttps://example.com/b,B,b\r\nhttps://example.com/c,C\r\n',
    );
    expect(rows).toEqual([
      { line: 2, values: { url: 'https://example.com/a', title: 'Multi\nline, "quoted"', slug: 'a' } },
      { line: 5, values: { url: 'https://example.com/b', title: 'B', slug: 'b' } },
      { line: 6, values: {}, problem: 'expected 3 fields, found 2' },
    ]);
  });

  it.each([
    ['url,titel\nhttps://example.com,x\n', /unknown column "titel"/],
    ['slug,title\na,b\n', /no "url" column/],
    ['url,url\na,b\n', /"url" appears twice/],
    ['url,title\n"https://example.com,x\n', /not a readable CSV file.*Quote Not Closed/],
    ['', /empty/],
  ])('refuses a file it cannot trust: %j', (text, message) => {
    expect(() => readImportFile(text)).toThrow(message);
  });
});
