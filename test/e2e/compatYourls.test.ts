/**
 * The YOURLS API against the real server, in plain HTTP as YOURLS documents it
 * (yourls.org/docs/guide/advanced/passwordless-api and the API reference): GET and POST.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UA } from '../support/capture.js';
import { COMPAT_KEY, eventually, startCompatServer, visit } from '../support/compat.js';

let server: Awaited<ReturnType<typeof startCompatServer>>;
beforeAll(async () => {
  server = await startCompatServer();
}, 30_000);
afterAll(() => server.close());

const get = (params: Record<string, string>) => fetch(`${server.url}/yourls-api.php?${new URLSearchParams(params)}`);
const post = (params: Record<string, string>) =>
  fetch(`${server.url}/yourls-api.php`, { method: 'POST', body: new URLSearchParams(params) });
const signed = (params: Record<string, string>) => ({ signature: COMPAT_KEY, ...params });
const json = async (res: Response) => (await res.json()) as Record<string, any>;

describe('YOURLS API over plain HTTP', () => {
  it('shortens with a keyword and title (POST, json), and the short URL redirects', async () => {
    const res = await post(
      signed({
        action: 'shorturl',
        format: 'json',
        url: 'https://example.com/wp-post',
        keyword: 'y-wp',
        title: 'A WordPress post',
      }),
    );
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      status: 'success',
      statusCode: 200,
      shorturl: `${server.url}/y-wp`,
      title: 'A WordPress post',
      message: 'https://example.com/wp-post added to database',
      url: { keyword: 'y-wp', url: 'https://example.com/wp-post', title: 'A WordPress post', ip: '' },
    });
    expect(body.url.date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect((await fetch(body.shorturl, { redirect: 'manual' })).headers.get('location')).toBe(
      'https://example.com/wp-post',
    );
  });

  it('answers simple text for ShareX (multipart POST, format=simple) and GET, with a random keyword', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(
      signed({ action: 'shorturl', format: 'simple', url: 'https://example.com/screenshot.png' }),
    ))
      form.set(k, v);
    const res = await fetch(`${server.url}/yourls-api.php`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toMatch(new RegExp(`^${server.url}/[A-Za-z0-9]{7}$`));
    const viaGet = await get(signed({ action: 'shorturl', format: 'simple', url: 'https://example.com/other.png' }));
    expect(await viaGet.text()).toMatch(new RegExp(`^${server.url}/[A-Za-z0-9]{7}$`));
  });

  it('reads the same fields from a JSON body', async () => {
    const res = await fetch(`${server.url}/yourls-api.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        signed({ action: 'shorturl', format: 'json', url: 'https://example.com/json', keyword: 'y-json' }),
      ),
    });
    expect(await json(res)).toMatchObject({ status: 'success', shorturl: `${server.url}/y-json` });
  });

  it('takes the key as username and password, as the WordPress plugins send it', async () => {
    const body = await json(
      await post({
        action: 'shorturl',
        format: 'json',
        url: 'https://example.com/up',
        username: 'linkpost',
        password: COMPAT_KEY,
      }),
    );
    expect(body.status).toBe('success');
  });

  it("refuses a keyword that is taken or reserved with YOURLS's own message", async () => {
    await get(signed({ action: 'shorturl', format: 'json', url: 'https://example.com/a', keyword: 'y-taken' }));
    const taken = await get(
      signed({ action: 'shorturl', format: 'json', url: 'https://example.com/b', keyword: 'y-taken' }),
    );
    expect(taken.status).toBe(400);
    expect(await json(taken)).toEqual({
      status: 'fail',
      code: 'error:keyword',
      message: 'Short URL y-taken already exists in database or is reserved',
      errorCode: 400,
      statusCode: 400,
    });
    const reserved = await json(
      await get(signed({ action: 'shorturl', format: 'json', url: 'https://example.com/b', keyword: 'compat' })),
    );
    expect(reserved).toMatchObject({
      code: 'error:keyword',
      message: 'Short URL compat already exists in database or is reserved',
    });
    expect(await json(await get(signed({ action: 'shorturl', format: 'json' })))).toMatchObject({
      code: 'error:nourl',
      message: 'Missing or malformed URL',
    });
    expect(
      await json(await get(signed({ action: 'shorturl', format: 'json', url: `${server.url}/loop` }))),
    ).toMatchObject({ code: 'error:noloop' });
  });

  it('expands a keyword or a full short URL, and says when it is unknown', async () => {
    await get(
      signed({ action: 'shorturl', format: 'json', url: 'https://example.com/expand', keyword: 'y-exp', title: 'Exp' }),
    );
    expect(await json(await get(signed({ action: 'expand', format: 'json', shorturl: 'y-exp' })))).toEqual({
      keyword: 'y-exp',
      shorturl: `${server.url}/y-exp`,
      longurl: 'https://example.com/expand',
      title: 'Exp',
      message: 'success',
      statusCode: 200,
    });
    expect(
      await (await get(signed({ action: 'expand', format: 'simple', shorturl: `${server.url}/y-exp` }))).text(),
    ).toBe('https://example.com/expand');
    const unknown = await get(signed({ action: 'expand', format: 'json', shorturl: 'y-nobody' }));
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toEqual({ keyword: 'y-nobody', message: 'Error: short URL not found', errorCode: 404 });
  });

  it('counts clicks in url-stats, stats and db-stats, people only', async () => {
    await get(signed({ action: 'shorturl', format: 'json', url: 'https://example.com/popular', keyword: 'y-pop' }));
    await visit(server.url, 'y-pop', UA.chromeDesktop, '81.2.69.160');
    await visit(server.url, 'y-pop', UA.safariIphone, '81.2.69.161');
    await visit(server.url, 'y-pop', UA.facebookPreview, '81.2.69.162');
    const stats = await eventually(async () => {
      const s = await json(await get(signed({ action: 'url-stats', format: 'json', shorturl: 'y-pop' })));
      return s.link?.clicks === 2 ? s : null;
    });
    expect(stats).toMatchObject({
      statusCode: 200,
      message: 'success',
      link: { shorturl: `${server.url}/y-pop`, url: 'https://example.com/popular', clicks: 2 },
    });
    const top = await eventually(async () => {
      const s = await json(await get(signed({ action: 'stats', format: 'json', filter: 'top', limit: '1' })));
      return s.stats.total_clicks === 2 ? s : null;
    });
    expect(top.links).toEqual({ link_1: expect.objectContaining({ shorturl: `${server.url}/y-pop`, clicks: 2 }) });
    expect(top.stats.total_links).toBeGreaterThanOrEqual(5);
    const last = await json(await get(signed({ action: 'stats', format: 'json', filter: 'last', limit: '1' })));
    expect(last.links.link_1.shorturl).toBe(`${server.url}/y-pop`);
    const db = await json(await get(signed({ action: 'db-stats', format: 'json' })));
    expect(db).toEqual({
      'db-stats': { total_links: top.stats.total_links, total_clicks: 2 },
      statusCode: 200,
      message: 'success',
    });
  });

  it('answers xml by default, jsonp with a callback, and the version', async () => {
    const xml = await get(signed({ action: 'version' }));
    expect(xml.headers.get('content-type')).toContain('application/xml');
    expect(await xml.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<result>\n  <version>1.9.2</version>\n</result>\n',
    );
    const nested = await (
      await get(
        signed({ action: 'shorturl', url: 'https://example.com/x?a=1&b=2', keyword: 'y-xml', title: 'Fish & <Chips>' }),
      )
    ).text();
    expect(nested).toContain('<keyword>y-xml</keyword>');
    expect(nested).toContain(
      '    <url>https://example.com/x?a=1&#38;b=2</url>\n    <title>Fish &#38; &#60;Chips&#62;</title>',
    );
    const jsonp = await get(signed({ action: 'version', format: 'jsonp', callback: 'handle', db: '1' }));
    expect(jsonp.headers.get('content-type')).toContain('application/javascript');
    expect(await jsonp.text()).toBe('handle({"version":"1.9.2","db_version":"506","callback":"handle"})');
    expect((await get(signed({ action: 'version', format: 'jsonp', callback: 'alert(1)//' }))).status).toBe(400);
    const unknown = await get(signed({ action: 'delete-everything', format: 'json' }));
    expect(unknown.status).toBe(400);
    expect(await json(unknown)).toEqual({ errorCode: 400, message: 'Unknown or missing "action" parameter' });
  });

  it('refuses missing and wrong keys, and time-limited signatures, as YOURLS does', async () => {
    const anonymous = await get({ action: 'version', format: 'json' });
    expect(anonymous.status).toBe(403);
    expect(await json(anonymous)).toEqual({ message: 'Please log in', errorCode: 403, callback: '' });
    expect(
      await json(await get({ action: 'version', format: 'json', username: 'a', password: 'lp_wrong_wrong' })),
    ).toMatchObject({
      message: 'Invalid username or password',
      errorCode: 403,
    });
    // timestamp + md5(timestamp . token): the key would have to be stored in clear to check it.
    const timed = await get({ action: 'version', format: 'json', timestamp: '1764633600', signature: 'a'.repeat(32) });
    expect(timed.status).toBe(403);
    expect(await json(timed)).toMatchObject({ message: 'Please log in', errorCode: 403 });
    const timedWithKey = await get({
      action: 'version',
      format: 'json',
      timestamp: '1764633600',
      signature: COMPAT_KEY,
    });
    expect(timedWithKey.status).toBe(403);
    const big = await post(
      signed({ action: 'shorturl', format: 'json', url: 'https://example.com/', title: 'x'.repeat(70_000) }),
    );
    expect(big.status).toBe(413);
  });
});
