/**
 * The Dub API against the real server, driven by the official `dub` SDK (0.73.5, pinned):
 * every answer goes through the SDK's own response schemas, so a missing field fails here.
 */
import { Dub } from 'dub';
import { Conflict, NotFound, Unauthorized, UnprocessableEntity } from 'dub/models/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UA } from '../support/capture.js';
import { COMPAT_KEY, eventually, startCompatServer, visit } from '../support/compat.js';

let server: Awaited<ReturnType<typeof startCompatServer>>;
let dub: Dub;
const serverURL = () => `${server.url}/compat/dub`;

beforeAll(async () => {
  server = await startCompatServer();
  dub = new Dub({ token: COMPAT_KEY, serverURL: serverURL(), retryConfig: { strategy: 'none' } });
}, 30_000);
afterAll(() => server.close());

const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
};

describe('Dub with the dub SDK', () => {
  it('creates a link with UTM fields and tags that become the post, and it redirects with them', async () => {
    const link = await dub.links.create({
      url: 'https://example.com/dub',
      key: 'd-launch',
      title: 'Launch',
      tagNames: ['campaign:Spring Launch', 'network:linkedin'],
      utmContent: 'hero',
      domain: '127.0.0.1',
    });
    expect(link).toMatchObject({
      id: 'd-launch',
      key: 'd-launch',
      url: 'https://example.com/dub',
      shortLink: `${server.url}/d-launch`,
      title: 'Launch',
      utmSource: 'linkedin',
      utmMedium: 'social',
      utmCampaign: 'spring-launch',
      utmContent: 'hero',
      clicks: 0,
      archived: false,
      password: null,
      qrCode: `${server.url}/d-launch?qr=1`,
    });
    expect(link.tags!.map((t) => t.name)).toEqual(['campaign:Spring Launch', 'network:linkedin']);
    const hop = await fetch(link.shortLink, { redirect: 'manual' });
    expect(hop.headers.get('location')).toBe(
      'https://example.com/dub?utm_source=linkedin&utm_medium=social&utm_campaign=spring-launch&utm_content=hero',
    );
  });

  it('lists by page, searches, and reads one link by key', async () => {
    for (let i = 1; i <= 3; i++)
      await dub.links.create({ url: `https://example.com/p${i}`, key: `d-page${i}`, tagNames: 'campaign:Pages' });
    const pages = await dub.links.list({ tagNames: 'campaign:Pages', pageSize: 2 });
    const keys: string[][] = [];
    for await (const page of pages) keys.push(page.result.map((l) => l.key));
    expect(keys).toEqual([['d-page3', 'd-page2'], ['d-page1']]);
    const found = await dub.links.list({ search: 'page2' });
    expect(found.result.map((l) => l.key)).toEqual(['d-page2']);
    expect(await dub.links.count({ tagNames: 'campaign:Pages' })).toBe(3);
    expect(await dub.links.get({ domain: '127.0.0.1', key: 'd-page1' })).toMatchObject({
      url: 'https://example.com/p1',
    });
  });

  it('edits and deletes a link by id', async () => {
    const created = await dub.links.create({ url: 'https://example.com/old', key: 'd-edit' });
    const edited = await dub.links.update(created.id, {
      url: 'https://example.com/new',
      title: 'New',
      tagNames: ['network:x'],
    });
    expect(edited).toMatchObject({ url: 'https://example.com/new', title: 'New', utmSource: 'x' });
    expect(await dub.links.delete(created.id)).toEqual({ id: 'd-edit' });
    const gone = await rejection(dub.links.get({ key: 'd-edit' }));
    expect(gone).toBeInstanceOf(NotFound);
    expect((gone as NotFound).error).toMatchObject({ code: 'not_found', message: 'no link with slug "d-edit"' });
  });

  it('creates in bulk, each item on its own', async () => {
    await dub.links.create({ url: 'https://example.com/t', key: 'd-taken' });
    const results = await dub.links.createMany([
      { url: 'https://example.com/b1', key: 'd-bulk1' },
      { url: 'https://example.com/b2', key: 'd-taken' },
      { url: 'ftp://example.com/b3' },
      { url: 'https://example.com/b4', key: 'd-bulk4' },
    ]);
    expect(results.map((r) => ('key' in r ? r.key : r.code))).toEqual([
      'd-bulk1',
      'conflict',
      'unprocessable_entity',
      'd-bulk4',
    ]);
    expect(results[1]).toMatchObject({ error: 'the slug "d-taken" is already taken', link: { key: 'd-taken' } });
  });

  it('answers click analytics: count, timeseries, countries, devices and referers', async () => {
    await dub.links.create({ url: 'https://example.com/a', key: 'd-stats' });
    await visit(server.url, 'd-stats', UA.chromeDesktop, '81.2.69.160');
    await visit(server.url, 'd-stats', UA.safariIphone, '81.2.69.161');
    await visit(server.url, 'd-stats', UA.facebookPreview, '81.2.69.162');
    await fetch(`${server.url}/d-stats`, {
      redirect: 'manual',
      headers: { 'user-agent': UA.chromeDesktop, 'x-forwarded-for': '81.2.69.163', referer: 'https://t.co/abc' },
    });
    const count = await eventually(async () => {
      const c = (await dub.analytics.retrieve({ event: 'clicks', groupBy: 'count', key: 'd-stats' })) as {
        clicks: number;
      };
      return c.clicks === 3 ? c : null;
    });
    expect(count).toEqual({ clicks: 3, leads: 0, sales: 0, saleAmount: 0 });
    const series = (await dub.analytics.retrieve({ groupBy: 'timeseries', key: 'd-stats', interval: '7d' })) as {
      start: string;
      clicks: number;
    }[];
    expect(series.length).toBeGreaterThanOrEqual(7);
    expect(series.reduce((n, p) => n + p.clicks, 0)).toBe(3);
    expect(await dub.analytics.retrieve({ groupBy: 'countries', key: 'd-stats', interval: '30d' })).toEqual([
      { country: 'GB', city: '*', region: '*', clicks: 3, leads: 0, sales: 0, saleAmount: 0 },
    ]);
    expect(await dub.analytics.retrieve({ groupBy: 'devices', key: 'd-stats' })).toEqual([
      { device: 'Desktop', clicks: 2, leads: 0, sales: 0, saleAmount: 0 },
      { device: 'Mobile', clicks: 1, leads: 0, sales: 0, saleAmount: 0 },
    ]);
    expect(await dub.analytics.retrieve({ groupBy: 'referers', key: 'd-stats', interval: 'all' })).toEqual([
      { referer: '(direct)', clicks: 2, leads: 0, sales: 0, saleAmount: 0 },
      { referer: 't.co', clicks: 1, leads: 0, sales: 0, saleAmount: 0 },
    ]);
    const fromLink = await dub.links.get({ key: 'd-stats' });
    expect(fromLink.clicks).toBe(3);
  });

  it("answers errors in Dub's error object", async () => {
    await dub.links.create({ url: 'https://example.com/x', key: 'd-dup' });
    const dup = await rejection(dub.links.create({ url: 'https://example.com/y', key: 'd-dup' }));
    expect(dup).toBeInstanceOf(Conflict);
    expect((dup as Conflict).error.code).toBe('conflict');
    const bad = await rejection(dub.links.create({ url: 'https://example.com/', password: 'secret' }));
    expect(bad).toBeInstanceOf(UnprocessableEntity);
    expect((bad as UnprocessableEntity).error.message).toContain('password');
    const stranger = new Dub({ token: 'lp_nope_nope', serverURL: serverURL(), retryConfig: { strategy: 'none' } });
    expect(await rejection(stranger.links.list())).toBeInstanceOf(Unauthorized);
    const leads = await fetch(`${serverURL()}/analytics?event=leads`, {
      headers: { authorization: `Bearer ${COMPAT_KEY}` },
    });
    expect(leads.status).toBe(422);
    expect(await leads.json()).toMatchObject({
      error: { code: 'unprocessable_entity', message: expect.stringContaining('clicks only') },
    });
  });
});
