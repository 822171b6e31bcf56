import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIO_LIMITS } from '../../src/domain/index.js';
import { BIO_PAGE_CSS } from '../../src/http/bioPageHtml.js';
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
/** The entries of a rendered page, as [href, label]. */
const entries = (html: string) => [...html.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);

describe('GET /@handle', () => {
  beforeEach(
    async () =>
      void (await create({
        text: 'Fresh <b>drops</b> & more',
        avatarUrl: 'https://cdn.example/acme.png?size=2&x="y"',
      })),
  );

  it('renders the page as HTML with the entries through their short links, marked bio', async () => {
    const res = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(entries(html)).toEqual([
      ['/spring?bio=1', 'Spring collection'],
      ['/blog?bio=1', 'Our blog'],
    ]);
    expect(html).toContain('<h1>Acme</h1>');
    // Text and attributes are escaped, never markup.
    expect(html).toContain('Fresh &#60;b&#62;drops&#60;/b&#62; &#38; more');
    expect(html).toContain('src="https://cdn.example/acme.png?size=2&#38;x=&#34;y&#34;"');
    expect(html).not.toMatch(/<script/i);
    // A shared address previews with the page's title, text and avatar.
    expect(html).toContain('<meta property="og:title" content="Acme">');
    expect(html).toContain(
      '<meta property="og:image" content="https://cdn.example/acme.png?size=2&#38;x=&#34;y&#34;">',
    );
  });

  it('sends the strict CSP with its style by hash and img-src widened to https: only here', async () => {
    const res = await page();
    const csp = res.headers.get('content-security-policy')!;
    const hash = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(BIO_PAGE_CSS))).toString(
      'base64',
    );
    expect(csp).toBe(
      `default-src 'self'; img-src 'self' data: https:; style-src 'sha256-${hash}'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
    );
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
      await t.api('POST', '/api/links', {
        url: `https://example.com/${'p'.repeat(200)}/${i}`,
        slug,
        title: `A long entry title, number ${i}: ${'word '.repeat(50)}`,
      });
      slugs.push(slug);
    }
    const res = await t.api('PATCH', '/api/bio-pages/acme', {
      title: 'T'.repeat(BIO_LIMITS.title),
      text: 'text '.repeat(BIO_LIMITS.text / 5),
      avatarUrl: `https://cdn.example/${'a'.repeat(BIO_LIMITS.avatarUrl - 30)}`,
      links: slugs,
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
    expect((await json(await t.api('GET', '/api/bio-pages/acme'))).links.map((l: any) => l.state)).toEqual([
      'disabled',
      'live',
    ]);
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
    const columns = t.database.sqlite
      .prepare("SELECT name FROM pragma_table_info('bio_page_views')")
      .all()
      .map((r: any) => r.name);
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
    const res = await t.app.request('/spring?bio=1', {
      headers: { 'user-agent': UA.instagramIphone, referer: 'http://lp.test/@acme' },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(link.destination);
    expect(link.destination).toBe(
      'https://shop.example/spring?utm_source=instagram&utm_medium=social&utm_campaign=spring',
    );
    await t.flush();
    const clicks = await json(await t.api('GET', '/api/clicks?slug=spring'));
    expect(clicks.clicks.map((c: any) => c.source)).toEqual(['bio']);
  });

  it("keep the visitor's other parameters and drop only the marker", async () => {
    const res = await t.app.request('/blog?bio=1&fbclid=abc');
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('fbclid')).toBe('abc');
    expect(location.searchParams.has('bio')).toBe(false);
    expect(location.searchParams.get('ref')).toBe('x');
    expect(location.searchParams.get('utm_source')).toBe('instagram');
  });

  it("are counted per entry in the page's stats, apart from the same links' other clicks", async () => {
    await t.app.request('/spring?bio=1', { headers: { 'user-agent': UA.safariIphone } });
    await t.app.request('/spring?bio=1', { headers: { 'user-agent': UA.chromeDesktop } });
    await t.app.request('/spring?bio=1', { headers: { 'user-agent': UA.facebookPreview } });
    await t.app.request('/spring', { headers: { 'user-agent': UA.safariIphone, referer: 'https://l.instagram.com/' } });
    await t.app.request('/blog?bio=1', { headers: { 'user-agent': UA.safariIphone } });
    await t.flush();
    const stats = await json(await t.api('GET', '/api/bio-pages/acme/stats'));
    expect(stats.entries).toEqual([
      { slug: 'spring', clicks: 2, bots: 1 },
      { slug: 'blog', clicks: 1, bots: 0 },
    ]);
    expect((await t.api('GET', '/api/bio-pages/acme/stats?days=0')).status).toBe(400);
  });
});
