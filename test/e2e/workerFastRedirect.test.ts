/**
 * The Worker's fast redirect (src/worker/fastRedirect.ts) under `wrangler dev --local`: a request
 * that misses the isolate's link cache is answered by the app, which fills the cache; the next
 * ones hit it and are answered before the app. An edit empties the cache entry, so each pair
 * below is one app answer and one fast answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UA } from '../support/capture.js';
import { startWorkerProcess, TEST_CF, type WorkerProcess } from '../support/worker.js';

const ADMIN = 'admin-key-for-worker-fast-e2e-1';

let worker: WorkerProcess;
beforeAll(async () => {
  worker = await startWorkerProcess({ vars: { ADMIN_API_KEY: ADMIN } });
}, 120_000);
afterAll(() => worker?.stop(), 30_000);

/** Status and headers, without the ones that differ by the second. */
const answer = async (res: Response) => {
  await res.body?.cancel();
  return { status: res.status, headers: Object.fromEntries([...res.headers].filter(([k]) => k !== 'date')) };
};

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${worker.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function clicksOf(slug: string, n: number) {
  const until = Date.now() + 20_000;
  for (;;) {
    const { clicks } = (await (await api('GET', `/api/clicks?slug=${slug}`)).json()) as {
      clicks: Record<string, unknown>[];
    };
    if (clicks.length >= n || Date.now() > until) return clicks;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the redirect on the Worker', () => {
  it('answers and records alike whether the app or the fast path answers', async () => {
    const created = await api('POST', '/api/links', {
      url: 'https://example.com/post?ref=1',
      slug: 'same',
      network: 'instagram',
      campaign: 'Launch',
    });
    expect(created.status).toBe(201);

    const visit = (method: string, headers: Record<string, string> = {}) =>
      fetch(`${worker.url}/same?utm_source=newsletter&qr=1&fbclid=abc`, {
        method,
        redirect: 'manual',
        headers: {
          'user-agent': UA.instagramIphone,
          referer: 'https://l.instagram.com/',
          'cf-connecting-ip': '81.2.69.160',
          ...headers,
        },
      });
    /** An edit that changes nothing the redirect uses, but drops the slug from the link cache. */
    const emptyCache = async () => expect((await api('PATCH', '/api/links/same', { title: 'Same' })).status).toBe(200);
    const appThenFast = async (method: string, headers?: Record<string, string>) => {
      await emptyCache();
      return [await answer(await visit(method, headers)), await answer(await visit(method, headers))];
    };
    const heads = await appThenFast('HEAD');
    const gets = await appThenFast('GET');
    const prefetches = await appThenFast('GET', { 'sec-purpose': 'prefetch' });

    expect(gets[0]!.status).toBe(302);
    expect(gets[0]!.headers.location).toBe(
      'https://example.com/post?ref=1&utm_medium=social&utm_campaign=launch&utm_source=newsletter&fbclid=abc',
    );
    expect(gets[1]).toEqual(gets[0]);
    expect(heads[0]).toMatchObject({
      status: 302,
      headers: { location: gets[0]!.headers.location, 'cache-control': 'private, max-age=0' },
    });
    expect(heads[1]).toEqual(heads[0]);
    expect(prefetches[1]).toEqual(prefetches[0]);

    // HEAD records nothing; the API lists the newest first.
    const clicks = (await clicksOf('same', 4)).map(({ id, clickedAt, ...rest }) => rest);
    expect(clicks).toHaveLength(4);
    const [fastPrefetch, appPrefetch, fastGet, appGet] = clicks;
    expect(appGet).toMatchObject({
      source: 'newsletter',
      qr: true,
      bot: false,
      country: TEST_CF.country,
      city: TEST_CF.city,
      browser: 'Instagram',
    });
    expect(fastGet).toEqual(appGet);
    expect(appPrefetch).toMatchObject({ bot: true });
    expect(fastPrefetch).toEqual(appPrefetch);
  });

  it('answers an edit made elsewhere once the isolate has been quiet, from a link it had cached', async () => {
    expect((await api('POST', '/api/links', { url: 'https://example.com/quiet', slug: 'quiet' })).status).toBe(201);
    const hit = () => fetch(`${worker.url}/quiet`, { redirect: 'manual', headers: { 'user-agent': UA.chromeDesktop } });
    expect((await hit()).status).toBe(302);
    expect((await hit()).status).toBe(302);
    // Another isolate's edit, as D1 sees it: straight into the database, not through this isolate.
    const quietSince = Date.now();
    await worker.query("UPDATE links SET disabled = 1 WHERE slug = 'quiet'");
    // Quiet for longer than an isolate answers from its cache unchecked (LINK_STALE_MS, 10 s),
    // yet well within the cache's TTL (60 s): the next answer must already see the edit.
    await new Promise((r) => setTimeout(r, Math.max(0, quietSince + 11_000 - Date.now())));
    expect((await hit()).status).toBe(410);
  }, 60_000);
});
