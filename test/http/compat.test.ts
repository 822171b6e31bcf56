/** Edges of the compatible APIs, on the real app and a real SQLite file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClickReader } from '../../src/db/clickReader.js';
import { createStatsStore } from '../../src/db/statsStore.js';
import { parseExpireIn } from '../../src/http/compat/kuttView.js';
import { fieldsFromTags, tagsOf } from '../../src/http/compat/tags.js';
import { makeTestApp, PUBLIC_URL, type TestApp } from '../support/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp((database) => ({
    clicks: createClickReader(database.db),
    stats: createStatsStore(database.db),
  }));
});
afterEach(() => t.close());

const shlink = (path: string, init: RequestInit = {}) =>
  t.app.request(`/compat/shlink/rest/v3${path}`, {
    ...init,
    headers: { 'x-api-key': t.key, 'content-type': 'application/json', ...init.headers },
  });
const kutt = (path: string, init: RequestInit = {}) =>
  t.app.request(`/compat/kutt/api/v2${path}`, {
    ...init,
    headers: { 'x-api-key': t.key, 'content-type': 'application/json', ...init.headers },
  });
const dub = (path: string, init: RequestInit = {}) =>
  t.app.request(`/compat/dub${path}`, {
    ...init,
    headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json', ...init.headers },
  });

describe('compatible APIs', () => {
  it('reserves their prefixes as slugs', async () => {
    for (const slug of ['compat', 'COMPAT']) {
      const res = await t.api('POST', '/api/links', { url: 'https://example.com/', slug });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('slug_reserved');
    }
  });

  it("answers unknown routes in each API's own shape", async () => {
    const s = await shlink('/tags');
    expect(s.status).toBe(404);
    expect(s.headers.get('content-type')).toBe('application/problem+json');
    expect(await s.json()).toMatchObject({ type: 'https://shlink.io/api/error/not-found' });
    expect(await (await kutt('/domains')).json()).toEqual({ error: 'Not found.' });
    expect(await (await dub('/domains')).json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('answers an empty Shlink page past the last visit, with the right totals', async () => {
    await shlink('/short-urls', {
      method: 'POST',
      body: JSON.stringify({ longUrl: 'https://example.com/', customSlug: 'quiet' }),
    });
    const res = await shlink('/short-urls/quiet/visits?page=3&itemsPerPage=5');
    expect(await res.json()).toEqual({
      visits: {
        data: [],
        pagination: { currentPage: 3, pagesCount: 1, itemsPerPage: 5, itemsInCurrentPage: 0, totalItems: 0 },
      },
    });
    const deep = await shlink('/short-urls/quiet/visits?page=30&itemsPerPage=1000');
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({
      type: 'https://shlink.io/api/error/invalid-data',
      detail: expect.stringContaining('narrow the dates'),
    });
  });

  it('refuses a Shlink validSince rather than ignoring it', async () => {
    const res = await shlink('/short-urls', {
      method: 'POST',
      body: JSON.stringify({ longUrl: 'https://example.com/', validSince: '2030-01-01T00:00:00Z' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      type: 'https://shlink.io/api/error/invalid-data',
      invalidElements: ['validSince'],
    });
  });

  it('refuses a Dub bulk of no links or more than 100, and analytics of an unknown link', async () => {
    expect((await dub('/links/bulk', { method: 'POST', body: '[]' })).status).toBe(422);
    const many = JSON.stringify(Array.from({ length: 101 }, (_, i) => ({ url: `https://example.com/${i}` })));
    expect((await dub('/links/bulk', { method: 'POST', body: many })).status).toBe(422);
    expect((await dub('/links/bulk', { method: 'POST', body: '{"url":' })).status).toBe(400);
    const res = await dub('/links/info');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
    const unknown = await dub('/analytics?key=nobody');
    expect(unknown.status).toBe(404);
  });

  it('refuses to change a slug through Dub or Kutt, and keeps the link', async () => {
    await t.api('POST', '/api/links', { url: 'https://example.com/', slug: 'fixed' });
    expect((await dub('/links/fixed', { method: 'PATCH', body: JSON.stringify({ key: 'moved' }) })).status).toBe(422);
    expect(
      (
        await kutt('/links/fixed', {
          method: 'PATCH',
          body: JSON.stringify({ address: 'moved', target: 'https://example.com/' }),
        })
      ).status,
    ).toBe(400);
    expect((await t.api('GET', '/api/links/fixed')).status).toBe(200);
    expect((await t.api('GET', '/api/links/moved')).status).toBe(404);
  });

  it('shows short URLs on the public URL in every API', async () => {
    const d = (await (
      await dub('/links', { method: 'POST', body: JSON.stringify({ url: 'https://example.com/', key: 'pub' }) })
    ).json()) as { shortLink: string; domain: string };
    expect(d).toMatchObject({ shortLink: `${PUBLIC_URL}/pub`, domain: 'lp.test' });
    const k = (await (await kutt('/links/pub/stats')).json()) as { link: string };
    expect(k.link).toBe(`${PUBLIC_URL}/pub`);
  });
});

describe('Kutt durations', () => {
  it('reads the forms Kutt accepts, at least a minute', () => {
    expect(parseExpireIn('2 minutes')).toBe(120_000);
    expect(parseExpireIn('1.5h')).toBe(5_400_000);
    expect(parseExpireIn('3 days')).toBe(3 * 86_400_000);
    expect(parseExpireIn('1 week')).toBe(604_800_000);
    expect(() => parseExpireIn('59s')).toThrow('Expire time should be more than 1 minute.');
    expect(() => parseExpireIn('soon')).toThrow(/duration/);
    expect(() => parseExpireIn('1000 years')).toThrow(/100 years/);
  });
});

describe('tags', () => {
  it('maps campaign:, network: and bare tags onto a post, and back', () => {
    expect(fieldsFromTags(['campaign:Spring', 'network:Twitter'])).toEqual({ campaign: 'Spring', network: 'Twitter' });
    expect(fieldsFromTags(['org-42'])).toEqual({ campaign: 'org-42' });
    expect(fieldsFromTags(['Spring', 'campaign:Spring'])).toEqual({ campaign: 'Spring' });
    expect(() => fieldsFromTags(['a', 'b'])).toThrow('a link has one campaign');
    expect(() => fieldsFromTags(['network:myspace'])).toThrow('unknown network "myspace"');
    expect(() => fieldsFromTags(['campaign:'])).toThrow('needs a value');
    expect(tagsOf({ campaign: 'Spring', network: 'x' })).toEqual(['campaign:Spring', 'network:x']);
    expect(tagsOf({ campaign: null, network: null })).toEqual([]);
  });
});
