import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBioPageStore } from '../../src/db/bioPageStore.js';
import { BIO_LIMITS } from '../../src/domain/index.js';
import { createAcme, makeBioApp, seedBioLinks, type BioTestApp } from '../support/bioPages.js';
import { UA } from '../support/capture.js';

let t: BioTestApp;
const json = async (res: Response) => (await res.json()) as any;

beforeEach(async () => {
  t = await makeBioApp();
  await seedBioLinks(t);
});
afterEach(() => t.close());

const create = (body: Record<string, unknown>) => createAcme(t, body);
const page = (handle = 'acme', headers: Record<string, string> = {}) =>
  t.app.request(`/@${handle}`, { headers: { 'user-agent': UA.safariIphone, ...headers } });

describe('POST /api/bio-pages', () => {
  it('creates a page with its public URL and entries in order', async () => {
    const res = await create({
      text: 'New drops every week',
      avatarUrl: 'https://cdn.example/acme.png',
      links: ['blog', 'spring', 'plain'],
    });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toMatchObject({
      handle: 'acme',
      url: 'http://lp.test/@acme',
      title: 'Acme',
      text: 'New drops every week',
      avatarUrl: 'https://cdn.example/acme.png',
      createdAt: '2026-03-10T12:00:00.000Z',
    });
    expect(body.links.map((l: any) => [l.slug, l.label, l.state])).toEqual([
      ['blog', 'Our blog', 'live'],
      ['spring', 'Spring collection', 'live'],
      ['plain', 'example.com/untitled/page', 'live'],
    ]);
    expect(body.links[0].shortUrl).toBe('http://lp.test/blog');
  });

  it.each([
    ['api', 400, 'handle_reserved'],
    ['Dashboard', 400, 'handle_reserved'],
    ['has space', 400, 'invalid_handle'],
    ['@acme', 400, 'invalid_handle'],
    ['', 400, 'invalid_handle'],
  ])('refuses the handle %j (%i %s)', async (handle, status, code) => {
    const res = await create({ handle });
    expect(res.status).toBe(status);
    expect((await json(res)).error.code).toBe(code);
  });

  it('refuses a taken handle with 409, case-sensitively like slugs', async () => {
    expect((await create({})).status).toBe(201);
    const again = await create({ title: 'Other' });
    expect(again.status).toBe(409);
    expect((await json(again)).error).toMatchObject({
      code: 'handle_taken',
      message: 'the handle "acme" is already taken',
    });
    expect((await create({ handle: 'Acme' })).status).toBe(201);
  });

  it('leaves a race for one handle to the unique index: one 201, the rest 409', async () => {
    // Every request passes the existence check, as when all check before any inserts.
    const store = createBioPageStore(t.database.db, t.database.batch);
    const racing = { ...t.bio.store, byHandle: async () => null, insert: store.insert };
    Object.assign(t.bio.store, racing);
    const answers = await Promise.all(Array.from({ length: 4 }, () => create({})));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const r of answers.filter((a) => a.status === 409)) expect((await json(r)).error.code).toBe('handle_taken');
  });

  it('names an unknown slug in links with a 400, and creates nothing', async () => {
    const res = await create({ links: ['spring', 'nope', 'blog'] });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({
      code: 'unknown_link',
      message: 'links: no link with slug "nope"',
      details: { slug: 'nope' },
    });
    expect((await t.api('GET', '/api/bio-pages/acme')).status).toBe(404);
  });

  it('refuses a slug listed twice, too many entries, a long title and an avatar that is not https', async () => {
    expect((await json(await create({ links: ['blog', 'blog'] }))).error.code).toBe('duplicate_link');
    const many = Array.from({ length: BIO_LIMITS.links + 1 }, (_, i) => `s${i}`);
    expect((await json(await create({ links: many }))).error.message).toContain(`at most ${BIO_LIMITS.links} entries`);
    expect((await json(await create({ title: 'x'.repeat(BIO_LIMITS.title + 1) }))).error.message).toMatch(/^title: /);
    for (const avatarUrl of [
      'http://cdn.example/a.png',
      'javascript:alert(1)',
      'https://u:p@cdn.example/a.png',
      'not a url',
    ]) {
      const res = await create({ avatarUrl });
      expect(res.status, avatarUrl).toBe(400);
      expect((await json(res)).error.message).toMatch(/^avatarUrl: must be an https URL/);
    }
    expect((await json(await create({ colour: 'red' }))).error.code).toBe('invalid_input');
  });

  it('answers a body that is not JSON with a 400, never a 500', async () => {
    const res = await t.api('POST', '/api/bio-pages', '{"handle":', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('invalid_json');
  });

  it('needs an API key', async () => {
    const res = await t.app.request('/api/bio-pages');
    expect(res.status).toBe(401);
  });
});

describe('GET, PATCH and DELETE /api/bio-pages/:handle', () => {
  beforeEach(async () => void (await create({ text: 'Hello' })));

  it('lists and reads pages', async () => {
    await create({ handle: 'second', title: 'Second', links: [] });
    const list = await json(await t.api('GET', '/api/bio-pages'));
    expect(list.bioPages.map((p: any) => [p.handle, p.links.length])).toEqual([
      ['acme', 2],
      ['second', 0],
    ]);
    expect((await json(await t.api('GET', '/api/bio-pages/acme'))).text).toBe('Hello');
    const missing = await t.api('GET', '/api/bio-pages/nope');
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.code).toBe('bio_page_not_found');
  });

  it('edits fields and reorders, adds and removes entries', async () => {
    t.clock.advance(60_000);
    const res = await t.api('PATCH', '/api/bio-pages/acme', { title: 'Acme Co', text: '', links: ['plain', 'spring'] });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      title: 'Acme Co',
      text: null,
      updatedAt: '2026-03-10T12:01:00.000Z',
      createdAt: '2026-03-10T12:00:00.000Z',
    });
    expect(body.links.map((l: any) => l.slug)).toEqual(['plain', 'spring']);
    // Fields left out stay as they are.
    const again = await json(await t.api('PATCH', '/api/bio-pages/acme', { avatarUrl: 'https://cdn.example/a.png' }));
    expect(again).toMatchObject({ title: 'Acme Co', avatarUrl: 'https://cdn.example/a.png' });
    expect(again.links.map((l: any) => l.slug)).toEqual(['plain', 'spring']);
  });

  it('refuses an unknown slug in an edit, leaving the page as it was', async () => {
    const res = await t.api('PATCH', '/api/bio-pages/acme', { links: ['ghost'] });
    expect(res.status).toBe(400);
    expect((await json(res)).error.message).toBe('links: no link with slug "ghost"');
    expect((await json(await t.api('GET', '/api/bio-pages/acme'))).links.map((l: any) => l.slug)).toEqual([
      'spring',
      'blog',
    ]);
    expect((await t.api('PATCH', '/api/bio-pages/acme', { handle: 'other' })).status).toBe(400);
  });

  it('deletes a page, its entries and its views, keeping the links', async () => {
    await page();
    await t.settle();
    expect((await t.api('DELETE', '/api/bio-pages/acme')).status).toBe(204);
    expect((await t.api('GET', '/api/bio-pages/acme')).status).toBe(404);
    expect((await page()).status).toBe(404);
    expect((await t.api('DELETE', '/api/bio-pages/acme')).status).toBe(404);
    const left = t.database.sqlite
      .prepare(
        'SELECT (SELECT count(*) FROM bio_page_entries) AS entries, (SELECT count(*) FROM bio_page_views) AS views, (SELECT count(*) FROM links) AS links',
      )
      .get();
    expect(left).toEqual({ entries: 0, views: 0, links: 3 });
  });
});
