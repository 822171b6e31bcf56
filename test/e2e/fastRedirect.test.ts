import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { UA } from '../support/capture.js';
import { startServerProcess } from '../support/server.js';

const dir = tempDir('linkpost-fast-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ADMIN = 'admin-key-for-e2e-tests-0002';

/** Status and headers, without the ones that differ by the second. */
const answer = (res: Response) => ({
  status: res.status,
  headers: Object.fromEntries([...res.headers].filter(([k]) => k !== 'date')),
});

describe('the redirect on the real server', () => {
  // A request that misses the link cache is answered by the app, which fills the cache; the
  // next ones hit it and are answered by Node's fast path (src/node/fastRedirect.ts). An edit
  // empties the cache entry, so each pair below is one app answer and one fast answer.
  it('answers and records alike whether the app or the fast path answers', async () => {
    const dbPath = join(dir, 'fast.db');
    const s = await startServerProcess({ DATABASE_PATH: dbPath, ADMIN_API_KEY: ADMIN, TRUST_PROXY: 'true' });
    const created = await fetch(`${s.url}/api/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        url: 'https://example.com/post?ref=1',
        slug: 'same',
        network: 'instagram',
        campaign: 'Launch',
      }),
    });
    expect(created.status).toBe(201);

    const visit = (method: string, headers: Record<string, string> = {}) =>
      fetch(`${s.url}/same?utm_source=newsletter&qr=1&fbclid=abc`, {
        method,
        redirect: 'manual',
        headers: {
          'user-agent': UA.instagramIphone,
          referer: 'https://l.instagram.com/',
          'x-forwarded-for': '81.2.69.160',
          ...headers,
        },
      });
    /** An edit that changes nothing the redirect uses, but drops the slug from the link cache. */
    const emptyCache = async () => {
      const res = await fetch(`${s.url}/api/links/same`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Same' }),
      });
      expect(res.status).toBe(200);
    };
    const appThenFast = async (method: string, headers?: Record<string, string>) => {
      await emptyCache();
      return [answer(await visit(method, headers)), answer(await visit(method, headers))];
    };
    const heads = await appThenFast('HEAD');
    const gets = await appThenFast('GET');
    const prefetches = await appThenFast('GET', { 'sec-purpose': 'prefetch' });
    expect(await s.stop('SIGTERM')).toBe(0);

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

    const db = new Sqlite(dbPath, { readonly: true });
    const clicks = db.prepare('SELECT * FROM clicks ORDER BY id').all() as Record<string, unknown>[];
    db.close();
    const withoutIdAndTime = clicks.map(({ id, clicked_at, ...rest }) => rest);
    expect(withoutIdAndTime).toHaveLength(4); // HEAD records nothing
    // [0] and [2] were recorded by the app, [1] and [3] by the fast path.
    expect(withoutIdAndTime[0]).toMatchObject({
      source: 'newsletter',
      qr: 1,
      bot: 0,
      country: 'GB',
      browser: 'Instagram',
      referrer_host: 'l.instagram.com',
    });
    expect(withoutIdAndTime[1]).toEqual({ ...withoutIdAndTime[0], first_of_day: 0 });
    expect(withoutIdAndTime[2]).toMatchObject({ bot: 1, first_of_day: 0 });
    expect(withoutIdAndTime[3]).toEqual(withoutIdAndTime[2]);
  });
});
