import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../support/app.js';
import { createLinkStore } from '../../src/db/index.js';

let t: TestApp;
beforeEach(async () => void (t = await makeTestApp()));
afterEach(() => t.close());

const json = async (res: Response) => (await res.json()) as any;

describe('POST /api/links', () => {
  it('creates a post with its short URL and UTM-tagged destination', async () => {
    const res = await t.api('POST', '/api/links', {
      url: 'https://example.com/blog?ref=home',
      title: 'Launch post',
      campaign: 'Spring Launch',
      network: 'Twitter',
      postedAt: '2026-03-10T09:00:00Z',
    });
    expect(res.status).toBe(201);
    const link = await json(res);
    expect(link).toMatchObject({
      slug: 'rand001',
      shortUrl: 'http://lp.test/rand001',
      url: 'https://example.com/blog?ref=home',
      title: 'Launch post',
      campaign: 'Spring Launch',
      network: 'x',
      utm: { source: 'x', medium: 'social', campaign: 'spring-launch' },
      postedAt: '2026-03-10T09:00:00.000Z',
      createdAt: '2026-03-10T12:00:00.000Z',
      disabled: false,
      expiresAt: null,
    });
    expect(link.destination).toBe(
      'https://example.com/blog?ref=home&utm_source=x&utm_medium=social&utm_campaign=spring-launch',
    );
  });

  it('accepts a custom slug and refuses it once taken', async () => {
    expect((await t.api('POST', '/api/links', { url: 'https://a.com', slug: 'Launch' })).status).toBe(201);
    const again = await t.api('POST', '/api/links', { url: 'https://b.com', slug: 'Launch' });
    expect(again.status).toBe(409);
    expect((await json(again)).error.code).toBe('slug_taken');
    // Case-sensitive: a different case is a different slug.
    expect((await t.api('POST', '/api/links', { url: 'https://b.com', slug: 'launch' })).status).toBe(201);
  });

  it('gives a custom slug to exactly one of several simultaneous requests, 409 to the rest', async () => {
    // Make every request pass the slugExists check, as when they all check before any inserts:
    // only the unique index can then decide.
    let inserts = 0;
    const racing = await makeTestApp((database) => {
      const links = createLinkStore(database.db);
      return { links: { ...links, slugExists: async () => false, insert: (l) => (inserts++, links.insert(l)) } };
    });
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          racing.api('POST', '/api/links', { url: `https://r${i}.com`, slug: 'race' }),
        ),
      );
      expect(inserts).toBe(6);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of answers.filter((a) => a.status === 409)) expect((await json(r)).error.code).toBe('slug_taken');
    } finally {
      racing.close();
    }
  });

  it.each([
    [{ url: 'https://a.com', slug: 'api' }, 'slug_reserved'],
    [{ url: 'https://a.com', slug: 'has space' }, 'invalid_slug'],
    [{ url: 'https://a.com', network: 'myspace' }, 'invalid_input'],
    [{ url: 'mailto:a@b.c' }, 'invalid_url'],
    [{ url: 'http://lp.test/loop' }, 'invalid_url'],
    [{ url: 'https://a.com', campaign: 'c'.repeat(101) }, 'invalid_input'],
    [{ url: 'https://a.com', postedAt: 'yesterday' }, 'invalid_input'],
    [{ url: 'https://a.com', extra: 1 }, 'invalid_input'],
    [{}, 'invalid_input'],
  ])('answers 400 for %j', async (body, code) => {
    const res = await t.api('POST', '/api/links', body);
    expect(res.status).toBe(400);
    const err = (await json(res)).error;
    expect(err.code).toBe(code);
    expect(err.message).toEqual(expect.any(String));
  });

  it('refuses times no ISO 8601 reader can print, on create and edit, and stores nothing', async () => {
    // 1e20 ms passed validation once, was stored, and broke every later listing with a 500.
    for (const bad of [
      { postedAt: 1e20 },
      { expiresAt: -1e17 },
      { postedAt: 1.5 },
      { postedAt: -1 },
      { expiresAt: '275760-09-13' },
    ]) {
      const res = await t.api('POST', '/api/links', { url: 'https://a.com', slug: 'when', ...bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect((await json(res)).error.code).toBe('invalid_input');
    }
    expect((await t.api('GET', '/api/links/when')).status).toBe(404);
    const edge = await t.api('POST', '/api/links', {
      url: 'https://a.com',
      slug: 'when',
      postedAt: 0,
      expiresAt: '9999-12-31T23:59:59.999Z',
    });
    expect(edge.status).toBe(201);
    expect((await t.api('PATCH', '/api/links/when', { postedAt: 1e20 })).status).toBe(400);
    const list = await t.api('GET', '/api/links');
    expect(list.status).toBe(200);
    expect((await json(list)).links[0]).toMatchObject({
      slug: 'when',
      postedAt: '1970-01-01T00:00:00.000Z',
      expiresAt: '9999-12-31T23:59:59.999Z',
    });
  });

  it('lists the valid networks when the network is unknown', async () => {
    const res = await t.api('POST', '/api/links', { url: 'https://a.com', network: 'myspace' });
    expect((await json(res)).error.message).toContain('linkedin');
  });

  it('answers 400 for malformed JSON and 413 for bodies over 64 KB', async () => {
    const bad = await t.api('POST', '/api/links', '{"url":');
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('invalid_json');
    const big = await t.api('POST', '/api/links', { url: 'https://a.com', title: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    expect((await json(big)).error.code).toBe('payload_too_large');
  });
});

describe('API keys', () => {
  it('answers 401 without a key, with a wrong key, and with a revoked key', async () => {
    expect((await t.app.request('/api/links')).status).toBe(401);
    const wrong = await t.app.request('/api/links', {
      headers: { authorization: 'Bearer lp_AAAAAAAA_' + 'b'.repeat(32) },
    });
    expect(wrong.status).toBe(401);
    expect((await json(wrong)).error.code).toBe('unauthorized');
    const stored = await t.deps.apiKeys.list();
    await t.deps.apiKeys.revoke(stored[0]!.id, t.clock());
    expect((await t.api('GET', '/api/links')).status).toBe(401);
  });
  it('accepts the ADMIN_API_KEY', async () => {
    const res = await t.app.request('/api/links', { headers: { authorization: 'Bearer admin-key-for-tests-only' } });
    expect(res.status).toBe(200);
  });
  it('stores only hashes of keys', async () => {
    const [stored] = await t.deps.apiKeys.list();
    expect(stored!.hash).toMatch(/^[0-9a-f]{64}$/);
    const raw = t.database.sqlite.prepare('select * from api_keys').all();
    expect(JSON.stringify(raw)).not.toContain(t.key);
  });
});

describe('GET /api/links', () => {
  beforeEach(async () => {
    const posts = [
      { url: 'https://a.com/1', campaign: 'Spring', network: 'linkedin', title: 'One' },
      { url: 'https://a.com/2', campaign: 'Spring', network: 'x', title: 'Two' },
      { url: 'https://a.com/3', campaign: 'Autumn', network: 'x', title: 'Three 100%' },
      { url: 'https://a.com/4', campaign: 'Spring', network: 'linkedin', title: 'Four' },
    ];
    for (const p of posts) {
      await t.api('POST', '/api/links', p);
      t.clock.advance(1000);
    }
  });

  it('pages newest first with a cursor', async () => {
    const first = await json(await t.api('GET', '/api/links?limit=3'));
    expect(first.links.map((l: any) => l.title)).toEqual(['Four', 'Three 100%', 'Two']);
    const second = await json(await t.api('GET', `/api/links?limit=3&cursor=${first.nextCursor}`));
    expect(second.links.map((l: any) => l.title)).toEqual(['One']);
    expect(second.nextCursor).toBeNull();
  });

  it('filters by campaign, network (aliases too) and text', async () => {
    const byCampaign = await json(await t.api('GET', '/api/links?campaign=Spring&network=LinkedIn'));
    expect(byCampaign.links.map((l: any) => l.title)).toEqual(['Four', 'One']);
    const byNetwork = await json(await t.api('GET', '/api/links?network=twitter'));
    expect(byNetwork.links).toHaveLength(2);
    const search = await json(await t.api('GET', '/api/links?q=100%25'));
    expect(search.links.map((l: any) => l.title)).toEqual(['Three 100%']);
    const wildcard = await json(await t.api('GET', '/api/links?q=_'));
    expect(wildcard.links).toHaveLength(0);
  });

  it('answers 400 for a bad limit or cursor', async () => {
    expect((await t.api('GET', '/api/links?limit=0')).status).toBe(400);
    expect((await t.api('GET', '/api/links?cursor=abc')).status).toBe(400);
    expect((await t.api('GET', '/api/links?network=nope')).status).toBe(400);
  });
});

describe('GET, PATCH and DELETE /api/links/:slug', () => {
  beforeEach(async () => {
    await t.api('POST', '/api/links', {
      url: 'https://a.com/p',
      slug: 'post',
      network: 'linkedin',
      campaign: 'Q1',
      utm: { content: 'hero' },
    });
  });

  it('reads one link and answers 404 for unknown slugs', async () => {
    expect((await json(await t.api('GET', '/api/links/post'))).slug).toBe('post');
    const missing = await t.api('GET', '/api/links/nope');
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.code).toBe('link_not_found');
  });

  it('rebuilds the destination when network or campaign change, keeping explicit UTM', async () => {
    t.clock.advance(5000);
    const res = await t.api('PATCH', '/api/links/post', { network: 'x', campaign: 'Q2 Push', title: 'New' });
    expect(res.status).toBe(200);
    const link = await json(res);
    expect(link.utm).toEqual({ source: 'x', medium: 'social', campaign: 'q2-push', content: 'hero' });
    expect(link.destination).toBe(
      'https://a.com/p?utm_source=x&utm_medium=social&utm_campaign=q2-push&utm_content=hero',
    );
    expect(link.title).toBe('New');
    expect(link.updatedAt).toBe('2026-03-10T12:00:05.000Z');
  });

  it('rejects bad edits with 400 and leaves the link unchanged', async () => {
    expect((await t.api('PATCH', '/api/links/post', { url: 'ftp://x' })).status).toBe(400);
    expect((await t.api('PATCH', '/api/links/post', { disabled: 'yes' })).status).toBe(400);
    expect((await json(await t.api('GET', '/api/links/post'))).url).toBe('https://a.com/p');
  });

  it('says whether the link redirects: live, disabled, expired or exhausted', async () => {
    const status = async (slug: string) => (await json(await t.api('GET', `/api/links/${slug}`))).status;
    expect(await status('post')).toBe('live');
    expect((await json(await t.api('PATCH', '/api/links/post', { disabled: true }))).status).toBe('disabled');
    await t.api('POST', '/api/links', { url: 'https://a.com/e', slug: 'soon', expiresAt: '2026-03-10T13:00:00Z' });
    expect(await status('soon')).toBe('live');
    t.clock.advance(60 * 60 * 1000);
    expect(await status('soon')).toBe('expired');
    await t.api('POST', '/api/links', { url: 'https://a.com/m', slug: 'once', maxClicks: 1 });
    expect(await status('once')).toBe('live');
    t.database.sqlite.prepare("UPDATE links SET human_clicks = 1 WHERE slug = 'once'").run();
    expect(await status('once')).toBe('exhausted');
    const { links } = await json(await t.api('GET', '/api/links'));
    expect(Object.fromEntries(links.map((l: { slug: string; status: string }) => [l.slug, l.status]))).toEqual({
      once: 'exhausted',
      soon: 'expired',
      post: 'disabled',
    });
  });

  it('deletes a link with 204, then it is gone', async () => {
    expect((await t.api('DELETE', '/api/links/post')).status).toBe(204);
    expect((await t.api('GET', '/api/links/post')).status).toBe(404);
    expect((await t.api('DELETE', '/api/links/post')).status).toBe(404);
  });
});

describe('unknown API routes', () => {
  it('answer 404 in the error shape', async () => {
    const res = await t.api('GET', '/api/nothing');
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('not_found');
  });
});
