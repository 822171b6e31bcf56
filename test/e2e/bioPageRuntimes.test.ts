/**
 * Link-in-bio pages over real HTTP on both runtimes: the Node server (npm start) and the
 * Worker under `wrangler dev --local` with a local D1, the same assertions for each.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { UA } from '../support/capture.js';
import { startServerProcess } from '../support/server.js';
import { startWorkerProcess } from '../support/worker.js';

const ADMIN = 'admin-key-for-bio-runtime-e2e-01';
const dir = tempDir('linkpost-bio-runtimes-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runtimes = [
  {
    name: 'Node',
    start: () => startServerProcess({ DATABASE_PATH: join(dir, 'node.db'), ADMIN_API_KEY: ADMIN }),
    editsAtOnce: true,
  },
  // Isolates keep a served page up to BIO_PAGE_TTL_MS (10 s); wrangler dev runs one isolate.
  { name: 'Workers', start: () => startWorkerProcess({ vars: { ADMIN_API_KEY: ADMIN } }), editsAtOnce: false },
];

async function eventually<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(runtimes)('bio pages on $name', (runtime) => {
  let base = '';
  let stop: () => Promise<unknown> = async () => {};
  beforeAll(async () => {
    const s = await runtime.start();
    base = s.url;
    stop = s.stop;
  }, 120_000);
  afterAll(() => stop(), 30_000);

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as any) };
  };
  const view = (handle: string, ua = UA.safariIphone, method = 'GET') =>
    fetch(`${base}/@${handle}`, { method, headers: { 'user-agent': ua } });
  const hrefs = async (handle: string) =>
    [...(await (await view(handle, UA.facebookPreview)).text()).matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);

  it('creates a page from existing links, refusing reserved and taken handles and unknown slugs', async () => {
    for (const [slug, title] of [
      ['spring', 'Spring collection'],
      ['blog', 'Read the blog'],
    ]) {
      expect(
        (
          await api('POST', '/api/links', {
            url: `https://shop.example/${slug}`,
            slug,
            title,
            network: 'instagram',
            campaign: 'Spring Launch',
          })
        ).status,
      ).toBe(201);
    }
    const created = await api('POST', '/api/bio-pages', {
      handle: 'acme',
      title: 'Acme',
      text: 'Hello',
      links: ['spring', 'blog'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ handle: 'acme', url: `${base}/@acme` });
    expect((await api('POST', '/api/bio-pages', { handle: 'acme', title: 'Again', links: [] })).body.error.code).toBe(
      'handle_taken',
    );
    expect((await api('POST', '/api/bio-pages', { handle: 'healthz', title: 'x', links: [] })).body.error.code).toBe(
      'handle_reserved',
    );
    const unknown = await api('POST', '/api/bio-pages', { handle: 'other', title: 'x', links: ['blog', 'missing'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('links: no link with slug "missing"');
    expect((await api('GET', '/api/bio-pages')).body.bioPages.map((p: any) => p.handle)).toEqual(['acme']);
  });

  it('serves the page as HTML under its own CSP, entries through their short links', async () => {
    const res = await view('acme');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toMatch(
      /^default-src 'self'; img-src 'self' data: https:; style-src 'sha256-[A-Za-z0-9+/=]+'; object-src 'none'/,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await hrefs('acme')).toEqual(['/spring?bio=1', '/blog?bio=1']);
    expect((await view('nobody')).status).toBe(404);
  });

  it('redirects an entry to its destination with the UTM tags unchanged and records the click as bio', async () => {
    const link = (await api('GET', '/api/links/spring')).body;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${base}/spring?bio=1`, {
        redirect: 'manual',
        headers: { 'user-agent': UA.instagramIphone, referer: `${base}/@acme` },
      });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(link.destination);
    }
    expect(link.destination).toBe(
      'https://shop.example/spring?utm_source=instagram&utm_medium=social&utm_campaign=spring-launch',
    );
    const clicks = await eventually(async () => {
      const list = (await api('GET', '/api/clicks?slug=spring')).body.clicks;
      return list.length >= 2 ? list : null;
    });
    expect(clicks.map((c: any) => c.source)).toEqual(['bio', 'bio']);
    const stats = await eventually(async () => {
      const s = (await api('GET', '/api/bio-pages/acme/stats')).body;
      return s.entries[0].clicks === 2 ? s : null;
    });
    expect(stats.entries).toEqual([
      { slug: 'spring', clicks: 2, bots: 0 },
      { slug: 'blog', clicks: 0, bots: 0 },
    ]);
  });

  it('counts page views, people and bots apart, HEAD not at all', async () => {
    await api('POST', '/api/bio-pages', { handle: 'views', title: 'Views', links: ['blog'] });
    await view('views');
    await view('views', UA.chromeDesktop);
    await view('views', UA.facebookPreview);
    await view('views', UA.safariIphone, 'HEAD');
    const stats = await eventually(async () => {
      const s = (await api('GET', '/api/bio-pages/views/stats?days=1')).body;
      return s.views.people + s.views.bots >= 3 ? s : null;
    });
    expect(stats.views).toEqual({ people: 2, bots: 1 });
  });

  it('drops a disabled link and shows edits of the page', async () => {
    await view('acme'); // cached now
    await api('PATCH', '/api/links/blog', { disabled: true });
    await api('PATCH', '/api/bio-pages/acme', { title: 'Acme Spring' });
    const shown = async () => {
      const html = await (await view('acme', UA.facebookPreview)).text();
      return html.includes('<h1>Acme Spring</h1>') && !html.includes('/blog?bio=1') ? html : null;
    };
    if (runtime.editsAtOnce) expect(await shown()).not.toBeNull();
    else await eventually(shown, 12_000);
    expect(await hrefs('acme')).toEqual(['/spring?bio=1']);
    expect((await api('DELETE', '/api/bio-pages/acme')).status).toBe(204);
    await eventually(async () => ((await view('acme')).status === 404 ? true : null), 12_000);
  });
});
