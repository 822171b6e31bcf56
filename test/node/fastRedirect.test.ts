import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger, type Link, type Visit } from '../../src/domain/index.js';
import { createFastRedirect } from '../../src/node/fastRedirect.js';
import { clientAddress } from '../../src/http/clientAddress.js';
import { createLinkCache } from '../../src/services/linkCache.js';
import { testClock } from '../support/app.js';

const clock = testClock();
const cache = createLinkCache(100, 60_000, clock);
const visits: Visit[] = [];

const link = (over: Partial<Link>): Link => ({
  id: 1,
  slug: 'live',
  url: 'https://example.com/a',
  destination: 'https://example.com/a?utm_source=x&utm_medium=social',
  title: null,
  campaign: null,
  network: 'x',
  utm: {},
  postedAt: null,
  createdAt: 0,
  updatedAt: 0,
  disabled: false,
  expiresAt: null,
  maxClicks: null,
  humanClicks: 0,
  preview: null,
  ...over,
});

const fast = createFastRedirect({
  linkCache: cache,
  clock,
  record: (v) => void visits.push(v),
  clientAddress: (req, header) => clientAddress({ get: header }, req.socket.remoteAddress, true),
  logger: silentLogger,
});

// What the fast path did not take answers 599, so each test sees which side answered.
let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => void (fast(req, res) || res.writeHead(599).end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  visits.length = 0;
  cache.set('live', link({}));
  cache.set('off', link({ id: 2, slug: 'off', disabled: true }));
  cache.set('old', link({ id: 3, slug: 'old', expiresAt: clock() - 1 }));
  cache.set('capped', link({ id: 4, slug: 'capped', maxClicks: 100 }));
  cache.set('gone', null);
});

const call = (method: string, path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });

describe("Node's fast redirect", () => {
  it('leaves a link-preview fetcher of a post with a card to the app, and redirects everyone else', async () => {
    cache.set('card', link({ id: 5, slug: 'card', preview: { title: 'Card', description: null, imageUrl: null } }));
    const fetcher = { 'user-agent': 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)' };
    expect((await call('GET', '/card', fetcher)).status).toBe(599);
    expect((await call('HEAD', '/card', { 'user-agent': 'LinkedInBot/1.0 (compatible; Mozilla/5.0)' })).status).toBe(
      599,
    );
    expect((await call('GET', '/card', { 'user-agent': 'Mozilla/5.0 Chrome/124' })).status).toBe(302);
    expect((await call('GET', '/card', { 'user-agent': 'curl/8.5.0' })).status).toBe(302);
    // Without a card, the fetcher is redirected here as before and reads the destination's own tags.
    expect((await call('GET', '/live', fetcher)).status).toBe(302);
  });

  it('answers a cached live link: 302 to its destination, not cacheable, and one visit with what the request carried', async () => {
    const res = await call('GET', '/live', {
      'user-agent': 'Mozilla/5.0 Test',
      referer: 'https://t.co/x',
      'x-forwarded-for': '203.0.113.9, 81.2.69.160',
    });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('https://example.com/a?utm_source=x&utm_medium=social');
    expect(res.headers['cache-control']).toBe('private, max-age=0');
    expect(visits).toEqual([
      {
        linkId: 1,
        at: clock(),
        address: '81.2.69.160',
        userAgent: 'Mozilla/5.0 Test',
        referrer: 'https://t.co/x',
        utmSource: null,
        qr: false,
        prefetch: false,
        location: undefined,
      },
    ]);
  });

  it("joins the short link's query to the destination, keeps qr=1 for itself, and reads utm_source", async () => {
    const res = await call('GET', '/live?utm_source=newsletter&qr=1&tag=a&tag=b');
    expect(res.headers.location).toBe('https://example.com/a?utm_medium=social&utm_source=newsletter&tag=a&tag=b');
    expect(visits[0]).toMatchObject({ utmSource: 'newsletter', qr: true });
  });

  it('leaves a fragment the client sent out of the query it forwards and records', async () => {
    const res = await call('GET', '/live?utm_source=fb#frag');
    expect(res.headers.location).toBe('https://example.com/a?utm_medium=social&utm_source=fb');
    expect(visits[0]!.utmSource).toBe('fb');
  });

  it.each(['lp.test', 'LP.test:8080', '127.0.0.1:3000', '[::1]:3000'])('answers with Host %s', async (host) => {
    expect((await call('GET', '/live', { host })).status).toBe(302);
  });

  it.each(['evil/x', 'lp.test:99999', 'a b', 'lp.test:'])(
    'leaves Host %s to the app, which refuses what it cannot use',
    async (host) => {
      expect((await call('GET', '/live', { host })).status).toBe(599);
      expect(visits).toEqual([]);
    },
  );

  it('leaves to the app a destination node:http will not send as it is', async () => {
    cache.set('wide', link({ id: 6, slug: 'wide', destination: 'https://example.com/日本' }));
    expect((await call('GET', '/wide')).status).toBe(599);
    expect(visits).toEqual([]);
  });

  it('records no visit for HEAD, and marks prefetches', async () => {
    expect((await call('HEAD', '/live')).status).toBe(302);
    expect(visits).toEqual([]);
    await call('GET', '/live', { 'sec-purpose': 'prefetch;prerender' });
    expect(visits[0]!.prefetch).toBe(true);
  });

  it('reads every value of a repeated User-Agent, as the Fetch API would', async () => {
    // node:http keeps only the first of a repeated User-Agent; a raw request sends two.
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      'GET /live HTTP/1.1\r\nHost: x\r\nUser-Agent: first\r\nUser-Agent: second\r\nConnection: close\r\n\r\n',
    );
    const reply = await new Promise<string>((resolve) => {
      let out = '';
      socket.on('data', (d) => (out += d));
      socket.on('end', () => resolve(out));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 302/);
    expect(visits[0]!.userAgent).toBe('first, second');
  });

  it.each([
    ['a link not in the cache', 'GET', '/unknown'],
    ['a remembered miss', 'GET', '/gone'],
    ['a disabled link', 'GET', '/off'],
    ['an expired link', 'GET', '/old'],
    ['a link with a click limit', 'GET', '/capped'],
    ['another method', 'POST', '/live'],
    ['a path of two segments', 'GET', '/live/x'],
    ['an encoded path', 'GET', '/l%69ve'],
    ['a file name', 'GET', '/favicon.ico'],
  ])('leaves %s to the app', async (_, method, path) => {
    expect((await call(method, path)).status).toBe(599);
    expect(visits).toEqual([]);
  });

  it('leaves a link that expired while cached to the app', async () => {
    cache.set('soon', link({ id: 5, slug: 'soon', expiresAt: clock() + 1_000 }));
    expect((await call('GET', '/soon')).status).toBe(302);
    clock.advance(1_000);
    expect((await call('GET', '/soon')).status).toBe(599);
  });
});
