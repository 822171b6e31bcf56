import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLinkStore } from '../../src/db/index.js';
import { makeTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeEach(async () => void (t = await makeTestApp()));
afterEach(() => t.close());

const json = async (res: Response) => (await res.json()) as any;
const count = () => (t.database.sqlite.prepare('SELECT count(*) AS n FROM links').get() as { n: number }).n;
const bulk = (links: unknown[], query = '') => t.api('POST', `/api/links/bulk${query}`, { links });

describe('POST /api/links/bulk', () => {
  it('creates every row as POST /api/links would, in the order given', async () => {
    const res = await bulk([
      {
        url: 'https://example.com/a',
        slug: 'spring-a',
        title: 'A',
        campaign: 'Spring Launch',
        network: 'LinkedIn',
        postedAt: '2026-03-01T09:00:00Z',
      },
      { url: 'https://example.com/b?x=1', network: 'twitter', utm: { content: 'hero' } },
      { url: 'https://example.com/c', maxClicks: 3 },
    ]);
    expect(res.status).toBe(201);
    const { links } = await json(res);
    expect(links.map((l: any) => l.slug)).toEqual(['spring-a', 'rand001', 'rand002']);
    expect(links[0]).toMatchObject({
      shortUrl: 'http://lp.test/spring-a',
      title: 'A',
      campaign: 'Spring Launch',
      network: 'linkedin',
      postedAt: '2026-03-01T09:00:00.000Z',
      clicks: 0,
      disabled: false,
      destination: 'https://example.com/a?utm_source=linkedin&utm_medium=social&utm_campaign=spring-launch',
    });
    expect(links[1].destination).toBe('https://example.com/b?x=1&utm_source=x&utm_medium=social&utm_content=hero');
    expect(links[2].maxClicks).toBe(3);
    // The same view as reading the link back.
    for (const l of links) expect(await json(await t.api('GET', `/api/links/${l.slug}`))).toEqual(l);
    expect(count()).toBe(3);
  });

  it('redirects each new link at once, even one that was asked for a moment before', async () => {
    expect((await t.app.request('/early')).status).toBe(404);
    expect((await bulk([{ url: 'https://example.com/e', slug: 'early' }])).status).toBe(201);
    const res = await t.app.request('/early');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://example.com/e');
  });

  it('refuses the whole request when any row is bad, listing every bad row by index', async () => {
    await t.api('POST', '/api/links', { url: 'https://example.com/old', slug: 'taken' });
    const res = await bulk([
      { url: 'https://example.com/ok', slug: 'fine' },
      { url: 'javascript:alert(1)' },
      { url: 'https://example.com/x', slug: 'taken' },
      { url: 'https://example.com/y', slug: 'fine' },
      { url: 'https://example.com/z', network: 'myspace' },
      { url: 'https://example.com/w', postedAt: 'last tuesday' },
      { url: 'https://lp.test/loop' },
      { url: 'https://example.com/v', slug: 'api' },
      { url: 'https://example.com/u', colour: 'red' },
      'not an object',
      { url: 'https://example.com/fine-too' },
    ]);
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.code).toBe('invalid_rows');
    expect(error.message).toBe('9 of 11 rows are invalid; nothing was created');
    expect(error.details.rows).toEqual([
      { index: 1, message: expect.stringMatching(/http/) },
      { index: 2, message: 'the slug "taken" is already taken' },
      { index: 3, message: 'slug "fine" is already used on row 0' },
      { index: 4, message: expect.stringMatching(/^network: unknown network "myspace"/) },
      { index: 5, message: 'postedAt: expected an ISO 8601 date-time' },
      { index: 6, message: expect.stringMatching(/this server|own host|itself/i) },
      { index: 7, message: '"api" is reserved by linkpost' },
      { index: 8, message: expect.stringMatching(/colour/) },
      { index: 9, message: expect.stringMatching(/object/) },
    ]);
    expect(count()).toBe(1);
  });

  it('checks without creating on a dry run, and lists the same problems', async () => {
    const ok = await bulk(
      [
        { url: 'https://example.com/a', slug: 'a' },
        { url: 'https://example.com/b', network: 'x' },
      ],
      '?dryRun=true',
    );
    expect(ok.status).toBe(200);
    const body = await json(ok);
    expect(body.dryRun).toBe(true);
    expect(body.links.map((l: any) => [l.id, l.slug, l.destination])).toEqual([
      [null, 'a', 'https://example.com/a'],
      [null, 'rand001', 'https://example.com/b?utm_source=x&utm_medium=social'],
    ]);
    expect(count()).toBe(0);
    const bad = await bulk([{ url: 'https://example.com/a', slug: 'a' }, { url: 'ftp://example.com' }], '?dryRun=true');
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details.rows).toEqual([{ index: 1, message: expect.any(String) }]);
    expect((await bulk([{ url: 'https://example.com/a' }], '?dryRun=maybe')).status).toBe(400);
    expect(count()).toBe(0);
  });

  it('creates 1,000 rows at once and refuses 1,001 or none', async () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ url: `https://example.com/p/${i}`, slug: `p${i}`, campaign: 'Big' }));
    const res = await bulk(rows(1000));
    expect(res.status).toBe(201);
    expect((await json(res)).links).toHaveLength(1000);
    expect(count()).toBe(1000);
    for (const n of [1001, 0]) {
      const refused = await bulk(rows(n));
      expect(refused.status).toBe(400);
      expect((await json(refused)).error.code).toBe('invalid_input');
    }
    expect(count()).toBe(1000);
    expect((await t.api('POST', '/api/links/bulk', { links: rows(1), extra: 1 })).status).toBe(400);
  });

  it('takes bodies up to 2 MB here while the rest of the API keeps 64 KB', async () => {
    const title = 'x'.repeat(290);
    const big = Array.from({ length: 1000 }, (_, i) => ({
      url: `https://example.com/${'long/'.repeat(300)}${i}`,
      title,
    }));
    const body = JSON.stringify({ links: big });
    expect(body.length).toBeGreaterThan(1.5 * 1024 * 1024);
    expect((await t.api('POST', '/api/links/bulk', body, { 'content-type': 'application/json' })).status).toBe(201);
    const tooBig = await t.api('POST', '/api/links/bulk', JSON.stringify({ links: big, pad: 'y'.repeat(600_000) }));
    expect(tooBig.status).toBe(413);
    expect((await json(tooBig)).error).toEqual({
      code: 'payload_too_large',
      message: 'request body is larger than 2 MB',
    });
    const single = await t.api('POST', '/api/links', { url: 'https://a.com', title: 'x'.repeat(70_000) });
    expect(single.status).toBe(413);
    expect((await json(single)).error.message).toBe('request body is larger than 64 KB');
  });

  it('creates nothing and answers 409 when a slug is taken between the check and the insert', async () => {
    const racing = await makeTestApp((database) => {
      const links = createLinkStore(database.db);
      let first = true;
      return {
        links: {
          ...links,
          // The check misses a link another writer creates just after it.
          async takenSlugs(slugs) {
            if (!first) return links.takenSlugs(slugs);
            first = false;
            database.sqlite
              .prepare(
                `INSERT INTO links (slug, url, destination, created_at, updated_at) VALUES ('late', 'https://o.com', 'https://o.com', 0, 0)`,
              )
              .run();
            return new Set();
          },
        },
      };
    });
    try {
      const res = await racing.api('POST', '/api/links/bulk', {
        links: [
          { url: 'https://example.com/1', slug: 'early' },
          { url: 'https://example.com/2', slug: 'late' },
        ],
      });
      expect(res.status).toBe(409);
      expect((await json(res)).error).toMatchObject({ code: 'slug_taken', details: { rows: [{ index: 1 }] } });
      const slugs = racing.database.sqlite.prepare('SELECT slug FROM links ORDER BY id').all() as { slug: string }[];
      expect(slugs.map((r) => r.slug)).toEqual(['late']);
    } finally {
      racing.close();
    }
  });

  it('needs an API key like the rest of the API', async () => {
    const res = await t.app.request('/api/links/bulk', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ links: [{ url: 'https://a.com' }] }),
    });
    expect(res.status).toBe(401);
    expect(count()).toBe(0);
  });
});
