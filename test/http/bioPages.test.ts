import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBioPageStore } from '../../src/db/bioPageStore.js';
import { BIO_LIMITS } from '../../src/domain/index.js';
import { BIO_PAGE_CSS } from '../../src/http/bioPageHtml.js';
import { makeBioApp, type BioTestApp } from '../support/bioPages.js';
import { UA } from '../support/capture.js';

let t: BioTestApp;
const json = async (res: Response) => (await res.json()) as any;

beforeEach(async () => {
  t = await makeBioApp();
  await t.api('POST', '/api/links', { url: 'https://shop.example/spring', slug: 'spring', title: 'Spring collection', network: 'instagram', campaign: 'Spring' });
  await t.api('POST', '/api/links', { url: 'https://blog.example/post?ref=x', slug: 'blog', title: 'Our blog', network: 'instagram' });
  await t.api('POST', '/api/links', { url: 'https://example.com/untitled/page', slug: 'plain' });
});
afterEach(() => t.close());

const create = (body: Record<string, unknown>) => t.api('POST', '/api/bio-pages', { handle: 'acme', title: 'Acme', links: ['spring', 'blog'], ...body });
const page = (handle = 'acme', headers: Record<string, string> = {}) => t.app.request(`/@${handle}`, { headers: { 'user-agent': UA.safariIphone, ...headers } });
/** The entries of a rendered page, as [href, label]. */
const entries = (html: string) => [...html.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);

describe('POST /api/bio-pages', () => {
  it('creates a page with its public URL and entries in order', async () => {
    const res = await create({ text: 'New drops every week', avatarUrl: 'https://cdn.example/acme.png', links: ['blog', 'spring', 'plain'] });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toMatchObject({
      handle: 'acme', url: 'http://lp.test/@acme', title: 'Acme', text: 'New drops every week', avatarUrl: 'https://cdn.example/acme.png',
      createdAt: '2026-03-10T12:00:00.000Z',
    });
    expect(body.links.map((l: any) => [l.slug, l.label, l.state])).toEqual([
      ['blog', 'Our blog', 'live'], ['spring', 'Spring collection', 'live'], ['plain', 'example.com/untitled/page', 'live'],
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
    expect((await json(again)).error).toMatchObject({ code: 'handle_taken', message: 'the handle "acme" is already taken' });
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
    expect((await json(res)).error).toMatchObject({ code: 'unknown_link', message: 'links: no link with slug "nope"', details: { slug: 'nope' } });
    expect((await t.api('GET', '/api/bio-pages/acme')).status).toBe(404);
  });

  it('refuses a slug listed twice, too many entries, a long title and an avatar that is not https', async () => {
    expect((await json(await create({ links: ['blog', 'blog'] }))).error.code).toBe('duplicate_link');
    const many = Array.from({ length: BIO_LIMITS.links + 1 }, (_, i) => `s${i}`);
    expect((await json(await create({ links: many }))).error.message).toContain(`at most ${BIO_LIMITS.links} entries`);
    expect((await json(await create({ title: 'x'.repeat(BIO_LIMITS.title + 1) }))).error.message).toMatch(/^title: /);
    for (const avatarUrl of ['http://cdn.example/a.png', 'javascript:alert(1)', 'https://u:p@cdn.example/a.png', 'not a url']) {
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
    expect(list.bioPages.map((p: any) => [p.handle, p.links.length])).toEqual([['acme', 2], ['second', 0]]);
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
    expect(body).toMatchObject({ title: 'Acme Co', text: null, updatedAt: '2026-03-10T12:01:00.000Z', createdAt: '2026-03-10T12:00:00.000Z' });
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
    expect((await json(await t.api('GET', '/api/bio-pages/acme'))).links.map((l: any) => l.slug)).toEqual(['spring', 'blog']);
    expect((await t.api('PATCH', '/api/bio-pages/acme', { handle: 'other' })).status).toBe(400);
  });

  it('deletes a page, its entries and its views, keeping the links', async () => {
    await page();
    await t.settle();
    expect((await t.api('DELETE', '/api/bio-pages/acme')).status).toBe(204);
    expect((await t.api('GET', '/api/bio-pages/acme')).status).toBe(404);
    expect((await page()).status).toBe(404);
    expect((await t.api('DELETE', '/api/bio-pages/acme')).status).toBe(404);
    const left = t.database.sqlite.prepare('SELECT (SELECT count(*) FROM bio_page_entries) AS entries, (SELECT count(*) FROM bio_page_views) AS views, (SELECT count(*) FROM links) AS links').get();
    expect(left).toEqual({ entries: 0, views: 0, links: 3 });
  });
});

describe('GET /@handle', () => {
  beforeEach(async () => void (await create({ text: 'Fresh <b>drops</b> & more', avatarUrl: 'https://cdn.example/acme.png?size=2&x="y"' })));

  it('renders the page as HTML with the entries through their short links, marked bio', async () => {
    const res = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(entries(html)).toEqual([['/spring?bio=1', 'Spring collection'], ['/blog?bio=1', 'Our blog']]);
    expect(html).toContain('<h1>Acme</h1>');
    // Text and attributes are escaped, never markup.
    expect(html).toContain('Fresh &#60;b&#62;drops&#60;/b&#62; &#38; more');
    expect(html).toContain('src="https://cdn.example/acme.png?size=2&#38;x=&#34;y&#34;"');
    expect(html).not.toMatch(/<script/i);
  });

  it('sends the strict CSP with its style by hash and img-src widened to https: only here', async () => {
    const res = await page();
    const csp = res.headers.get('content-security-policy')!;
    const hash = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(BIO_PAGE_CSS))).toString('base64');
    expect(csp).toBe(`default-src 'self'; img-src 'self' data: https:; style-src 'sha256-${hash}'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    // Everywhere else images stay 'self' and data: only.
    const other = await t.app.request('/api/bio-pages', { headers: { authorization: `Bearer ${t.key}` } });
    expect(other.headers.get('content-security-policy')).toContain("img-src 'self' data:;");
  });

  it('stays under 15 KB with every field at its limit', async () => {
    const slugs: string[] = [];
    for (let i = 0; i < BIO_LIMITS.links; i++) {
      const slug = `entry-${String(i).padStart(2, '0')}`;
      await t.api('POST', '/api/links', { url: `https://example.com/${'p'.repeat(200)}/${i}`, slug, title: `A long entry title, number ${i}: ${'word '.repeat(50)}` });
      slugs.push(slug);
    }
    const res = await t.api('PATCH', '/api/bio-pages/acme', {
      title: 'T'.repeat(BIO_LIMITS.title), text: 'text '.repeat(BIO_LIMITS.text / 5), avatarUrl: `https://cdn.example/${'a'.repeat(BIO_LIMITS.avatarUrl - 30)}`, links: slugs,
    });
    expect(res.status).toBe(200);
    const html = await (await page()).text();
    expect(entries(html)).toHaveLength(BIO_LIMITS.links);
    expect(new TextEncoder().encode(html).length).toBeLessThan(15 * 1024);
  });

  it('answers an unknown handle with a 404 page, or JSON for API clients', async () => {
    const res = await page('nobody');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('no bio page with handle');
    const api = await page('nobody', { accept: 'application/json' });
    expect((await json(api)).error.code).toBe('bio_page_not_found');
    expect((await t.app.request('/@')).status).toBe(404);
  });

  it('drops a disabled, expired or deleted link from the page at once, and shows it again when re-enabled', async () => {
    expect(entries(await (await page()).text())).toHaveLength(2); // now cached
    await t.api('PATCH', '/api/links/spring', { disabled: true });
    expect(entries(await (await page()).text()).map((e) => e[0])).toEqual(['/blog?bio=1']);
    // The editor still lists it, marked.
    expect((await json(await t.api('GET', '/api/bio-pages/acme'))).links.map((l: any) => l.state)).toEqual(['disabled', 'live']);
    await t.api('PATCH', '/api/links/spring', { disabled: false });
    expect(entries(await (await page()).text())).toHaveLength(2);
    await t.api('PATCH', '/api/links/blog', { expiresAt: '2026-03-10T12:30:00Z' });
    t.clock.advance(31 * 60_000);
    expect(entries(await (await page()).text()).map((e) => e[0])).toEqual(['/spring?bio=1']);
    await t.api('DELETE', '/api/links/spring');
    expect(entries(await (await page()).text())).toEqual([]);
    expect(await (await page()).text()).toContain('No links here yet.');
    expect((await json(await t.api('GET', '/api/bio-pages/acme'))).links.map((l: any) => l.slug)).toEqual(['blog']);
  });

  it('shows edits of the page and of its links at once', async () => {
    expect(await (await page()).text()).toContain('<h1>Acme</h1>'); // now cached
    await t.api('PATCH', '/api/bio-pages/acme', { title: 'Acme Spring', links: ['blog'] });
    let html = await (await page()).text();
    expect(html).toContain('<h1>Acme Spring</h1>');
    expect(entries(html)).toEqual([['/blog?bio=1', 'Our blog']]);
    await t.api('PATCH', '/api/links/blog', { title: 'Read the blog' });
    html = await (await page()).text();
    expect(entries(html)).toEqual([['/blog?bio=1', 'Read the blog']]);
  });

  it('counts views, people and bots apart, HEAD not at all', async () => {
    await page();
    await page();
    await page('acme', { 'user-agent': UA.facebookPreview });
    await page('acme', { 'sec-purpose': 'prefetch' });
    await t.app.request('/@acme', { method: 'HEAD', headers: { 'user-agent': UA.safariIphone } });
    await page('nobody');
    await t.settle();
    const stats = await json(await t.api('GET', '/api/bio-pages/acme/stats?days=7'));
    expect(stats.views).toEqual({ people: 2, bots: 2 });
    expect(stats.daily).toHaveLength(7);
    expect(stats.daily.at(-1)).toEqual({ day: '2026-03-10', people: 2, bots: 2 });
    expect(stats.daily[0]).toEqual({ day: '2026-03-04', people: 0, bots: 0 });
  });

  it('keeps nothing of a viewer: no address, user agent or visitor key, only counts', async () => {
    await page('acme', { 'x-forwarded-for': '203.0.113.9', referer: 'https://l.instagram.com/' });
    await t.settle();
    const columns = t.database.sqlite.prepare("SELECT name FROM pragma_table_info('bio_page_views')").all().map((r: any) => r.name);
    expect(columns).toEqual(['page_id', 'day', 'bot', 'views']);
    const rows = t.database.sqlite.prepare('SELECT * FROM bio_page_views').all();
    expect(rows).toEqual([{ page_id: 1, day: Date.parse('2026-03-10T00:00:00Z'), bot: 0, views: 1 }]);
  });

  it('answers the page before counting its view', async () => {
    const res = await page();
    const before = t.database.sqlite.prepare('SELECT count(*) AS n FROM bio_page_views').get();
    expect(res.status).toBe(200);
    expect(before).toEqual({ n: 0 });
    await t.settle();
    expect(t.database.sqlite.prepare('SELECT sum(views) AS n FROM bio_page_views').get()).toEqual({ n: 1 });
  });
});

describe('clicks from the page', () => {
  beforeEach(async () => void (await create({})));

  it('are recorded as source bio and redirect to the destination with its own UTM tags, unchanged', async () => {
    const link = await json(await t.api('GET', '/api/links/spring'));
    const res = await t.app.request('/spring?bio=1', { headers: { 'user-agent': UA.instagramIphone, referer: 'http://lp.test/@acme' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(link.destination);
    expect(link.destination).toBe('https://shop.example/spring?utm_source=instagram&utm_medium=social&utm_campaign=spring');
    await t.flush();
    const clicks = await json(await t.api('GET', '/api/clicks?slug=spring'));
    expect(clicks.clicks.map((c: any) => c.source)).toEqual(['bio']);
  });

  it('keep the visitor\'s other parameters and drop only the marker', async () => {
    const res = await t.app.request('/blog?bio=1&fbclid=abc');
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('fbclid')).toBe('abc');
    expect(location.searchParams.has('bio')).toBe(false);
    expect(location.searchParams.get('ref')).toBe('x');
    expect(location.searchParams.get('utm_source')).toBe('instagram');
  });

  it('are counted per entry in the page\'s stats, apart from the same links\' other clicks', async () => {
    await t.app.request('/spring?bio=1', { headers: { 'user-agent': UA.safariIphone } });
    await t.app.request('/spring?bio=1', { headers: { 'user-agent': UA.chromeDesktop } });
    await t.app.request('/spring?bio=1', { headers: { 'user-agent': UA.facebookPreview } });
    await t.app.request('/spring', { headers: { 'user-agent': UA.safariIphone, referer: 'https://l.instagram.com/' } });
    await t.app.request('/blog?bio=1', { headers: { 'user-agent': UA.safariIphone } });
    await t.flush();
    const stats = await json(await t.api('GET', '/api/bio-pages/acme/stats'));
    expect(stats.entries).toEqual([{ slug: 'spring', clicks: 2, bots: 1 }, { slug: 'blog', clicks: 1, bots: 0 }]);
    expect((await t.api('GET', '/api/bio-pages/acme/stats?days=0')).status).toBe(400);
  });
});
