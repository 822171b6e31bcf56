import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type Link, type Visit } from '../../src/domain/index.js';
import { createFastRedirect } from '../../src/node/fastRedirect.js';
import { createLinkCache } from '../../src/services/linkCache.js';
import { enrichVisit } from '../../src/services/recordClicks.js';
import { cachedUserAgents } from '../../src/services/userAgent.js';
import { testClock } from '../support/app.js';
import { fakeGeo } from '../support/capture.js';

const clock = testClock();
const cache = createLinkCache(100, 60_000, clock);
const visits: Visit[] = [];
const DESTINATION = 'https://shop.example/spring?utm_source=instagram&utm_medium=social&utm_campaign=spring';
cache.set('spring', {
  id: 7,
  slug: 'spring',
  url: 'https://shop.example/spring',
  destination: DESTINATION,
  title: 'Spring',
  campaign: 'Spring',
  network: 'instagram',
  utm: {},
  postedAt: null,
  createdAt: 0,
  updatedAt: 0,
  disabled: false,
  expiresAt: null,
  maxClicks: null,
  humanClicks: 0,
  preview: null,
} satisfies Link);

const fast = createFastRedirect({
  linkCache: cache,
  clock,
  record: (v) => void visits.push(v),
  clientAddress: () => '127.0.0.1',
  logger: silentLogger,
});
let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => void (fast(req, res) || res.writeHead(599).end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const location = (path: string) =>
  new Promise<string | undefined>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      expect(res.statusCode).toBe(302);
      resolve(res.headers.location);
    })
      .on('error', reject)
      .end();
  });

describe("Node's fast path and the bio marker", () => {
  it('redirects to the destination unchanged and records the click as source bio', async () => {
    expect(await location('/spring?bio=1')).toBe(DESTINATION);
    const click = await enrichVisit(
      { clicks: null as never, geo: fakeGeo(), describeUserAgent: cachedUserAgents(), visitorKey: async () => 'v' },
      visits.at(-1)!,
    );
    expect(click.source).toBe('bio');
  });

  it("keeps the visitor's other parameters and drops only the marker", async () => {
    const to = new URL((await location('/spring?bio=1&fbclid=abc'))!);
    expect(to.searchParams.get('fbclid')).toBe('abc');
    expect(to.searchParams.has('bio')).toBe(false);
    expect(to.searchParams.get('utm_source')).toBe('instagram');
  });
});
