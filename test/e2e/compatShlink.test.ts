/** The Shlink REST v3 API against the real server, driven by Shlink's own JS SDK. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UA } from '../support/capture.js';
import { COMPAT_KEY, eventually, startCompatServer, visit } from '../support/compat.js';
import { shlinkClient, type ShlinkClient } from '../support/shlinkSdk.js';

let server: Awaited<ReturnType<typeof startCompatServer>>;
let shlink: ShlinkClient;
const base = () => `${server.url}/compat/shlink`;

beforeAll(async () => {
  server = await startCompatServer();
  shlink = shlinkClient(base(), COMPAT_KEY);
}, 30_000);
afterAll(() => server.close());

/** What the SDK rejects with: the parsed problem body. */
const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as Record<string, unknown>;
  }
  throw new Error('expected a rejection');
};

describe('Shlink REST v3 with @shlinkio/shlink-js-sdk', () => {
  it('creates a short URL whose tags become the campaign and network, and redirects with UTM', async () => {
    const created = await shlink.createShortUrl({
      longUrl: 'https://example.com/spring',
      customSlug: 'sh-spring',
      title: 'Spring post',
      tags: ['campaign:Spring Launch', 'network:twitter'],
      maxVisits: 50,
      validUntil: '2030-01-01T00:00:00+00:00',
    });
    expect(created).toMatchObject({
      shortCode: 'sh-spring',
      shortUrl: `${server.url}/sh-spring`,
      longUrl: 'https://example.com/spring',
      title: 'Spring post',
      tags: ['campaign:Spring Launch', 'network:x'],
      meta: { validSince: null, validUntil: '2030-01-01T00:00:00+00:00', maxVisits: 50 },
      visitsSummary: { total: 0, nonBots: 0, bots: 0 },
      domain: null,
    });
    expect(created.dateCreated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    const hop = await fetch(created.shortUrl, { redirect: 'manual' });
    expect(hop.headers.get('location')).toBe(
      'https://example.com/spring?utm_source=x&utm_medium=social&utm_campaign=spring-launch',
    );

    // The linkpost API sees the same post.
    const native = await fetch(`${server.url}/api/links/sh-spring`, {
      headers: { authorization: `Bearer ${COMPAT_KEY}` },
    });
    expect(await native.json()).toMatchObject({ campaign: 'Spring Launch', network: 'x', maxClicks: 50 });
  });

  it('takes a bare tag as the campaign, so a tool finds its links again by its tag', async () => {
    await shlink.createShortUrl({ longUrl: 'https://example.com/p1', customSlug: 'sh-postiz', tags: ['org-42'] });
    const list = await shlink.listShortUrls({ tags: ['org-42'] });
    expect(list.data.map((s) => [s.shortCode, s.tags])).toEqual([['sh-postiz', ['campaign:org-42']]]);
    // Postiz lists with a plain `tags=<id>` (axios params), not `tags[]=`.
    const raw = await fetch(`${base()}/rest/v3/short-urls?page=1&itemsPerPage=20&tags=org-42`, {
      headers: { 'x-api-key': COMPAT_KEY },
    });
    const body = (await raw.json()) as {
      shortUrls: { data: { shortCode: string; visitsSummary: { total: number } }[] };
    };
    expect(body.shortUrls.data.map((s) => [s.shortCode, s.visitsSummary.total])).toEqual([['sh-postiz', 0]]);
  });

  it('lists by page with a total, searches, and filters by tags', async () => {
    for (let i = 1; i <= 5; i++) {
      await shlink.createShortUrl({
        longUrl: `https://example.com/page${i}`,
        customSlug: `sh-page${i}`,
        tags: ['campaign:Paging'],
      });
    }
    const first = await shlink.listShortUrls({ tags: ['campaign:Paging'], itemsPerPage: 2, page: '1' });
    expect(first.data.map((s) => s.shortCode)).toEqual(['sh-page5', 'sh-page4']);
    expect(first.pagination).toEqual({
      currentPage: 1,
      pagesCount: 3,
      itemsPerPage: 2,
      itemsInCurrentPage: 2,
      totalItems: 5,
    });
    const last = await shlink.listShortUrls({ tags: ['campaign:Paging'], itemsPerPage: 2, page: '3' });
    expect(last.data.map((s) => s.shortCode)).toEqual(['sh-page1']);
    const found = await shlink.listShortUrls({ searchTerm: 'page3' });
    expect(found.data.map((s) => s.shortCode)).toEqual(['sh-page3']);
    const none = await shlink.listShortUrls({ tags: ['campaign:Paging', 'network:x'], tagsMode: 'all' });
    expect(none.pagination.totalItems).toBe(0);
  });

  it('gets, edits and deletes a short URL', async () => {
    await shlink.createShortUrl({ longUrl: 'https://example.com/edit', customSlug: 'sh-edit', tags: ['campaign:Old'] });
    const edited = await shlink.updateShortUrl(
      { shortCode: 'sh-edit' },
      {
        longUrl: 'https://example.com/edited',
        title: 'Edited',
        tags: ['network:linkedin'],
        maxVisits: null,
      },
    );
    expect(edited).toMatchObject({
      longUrl: 'https://example.com/edited',
      title: 'Edited',
      tags: ['network:linkedin'],
    });
    expect(await shlink.getShortUrl({ shortCode: 'sh-edit' })).toMatchObject({
      title: 'Edited',
      tags: ['network:linkedin'],
    });
    await shlink.deleteShortUrl({ shortCode: 'sh-edit' });
    const gone = await rejection(shlink.getShortUrl({ shortCode: 'sh-edit' }));
    expect(gone).toEqual({
      type: 'https://shlink.io/api/error/short-url-not-found',
      title: 'Short URL not found',
      detail: 'No URL found with short code "sh-edit"',
      status: 404,
      shortCode: 'sh-edit',
    });
  });

  it('lists the visits of a short URL, bots included or excluded', async () => {
    await shlink.createShortUrl({ longUrl: 'https://example.com/visits', customSlug: 'sh-visits' });
    await visit(server.url, 'sh-visits', UA.chromeDesktop, '81.2.69.160');
    await visit(server.url, 'sh-visits', UA.safariIphone, '81.2.69.161');
    await visit(server.url, 'sh-visits', UA.facebookPreview, '81.2.69.162');
    const all = await eventually(async () => {
      const v = await shlink.getShortUrlVisits({ shortCode: 'sh-visits' });
      return v.pagination.totalItems >= 3 ? v : null;
    });
    expect(all.data).toHaveLength(3);
    expect(all.data.filter((v) => v.potentialBot)).toHaveLength(1);
    expect(all.data[0]!.visitLocation).toMatchObject({ countryCode: 'GB', countryName: 'United Kingdom' });
    expect(all.data[0]!.visitedUrl).toBe(`${server.url}/sh-visits`);
    const people = await shlink.getShortUrlVisits({ shortCode: 'sh-visits' }, { excludeBots: true });
    expect(people.data.map((v) => v.potentialBot)).toEqual([false, false]);
    const second = await shlink.getShortUrlVisits({ shortCode: 'sh-visits' }, { itemsPerPage: 2, page: 2 });
    expect(second.data).toHaveLength(1);
    expect(second.pagination).toMatchObject({ currentPage: 2, pagesCount: 2, totalItems: 3 });
    const summary = await eventually(async () => {
      const s = await shlink.getShortUrl({ shortCode: 'sh-visits' });
      return s.visitsSummary.total === 3 ? s.visitsSummary : null;
    });
    expect(summary).toEqual({ total: 3, nonBots: 2, bots: 1 });
  });

  it('answers errors as Shlink problem+json', async () => {
    await shlink.createShortUrl({ longUrl: 'https://example.com/taken', customSlug: 'sh-taken' });
    expect(
      await rejection(shlink.createShortUrl({ longUrl: 'https://example.com/again', customSlug: 'sh-taken' })),
    ).toEqual({
      type: 'https://shlink.io/api/error/non-unique-slug',
      title: 'Invalid custom slug',
      detail: 'Provided slug "sh-taken" is already in use.',
      status: 400,
      customSlug: 'sh-taken',
    });
    const bad = await rejection(shlink.createShortUrl({ longUrl: 'ftp://example.com/' }));
    expect(bad).toMatchObject({
      type: 'https://shlink.io/api/error/invalid-data',
      status: 400,
      invalidElements: ['longUrl'],
    });
    const twoCampaigns = await rejection(shlink.createShortUrl({ longUrl: 'https://example.com/', tags: ['a', 'b'] }));
    expect(twoCampaigns).toMatchObject({ type: 'https://shlink.io/api/error/invalid-data', invalidElements: ['tags'] });

    const wrongKey = shlinkClient(base(), 'lp_nope_nope');
    expect(await rejection(wrongKey.listShortUrls())).toMatchObject({
      type: 'https://shlink.io/api/error/invalid-api-key',
      status: 401,
    });
    const raw = await fetch(`${base()}/rest/v3/short-urls`);
    expect(raw.status).toBe(401);
    expect(raw.headers.get('content-type')).toBe('application/problem+json');
    expect(await raw.json()).toMatchObject({ type: 'https://shlink.io/api/error/missing-authentication' });

    const big = await fetch(`${base()}/rest/v3/short-urls`, {
      method: 'POST',
      headers: { 'x-api-key': COMPAT_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ longUrl: 'https://example.com/', title: 'x'.repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toBe('application/problem+json');
  });
});
