import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeGeo, makeCaptureApp, UA, type CaptureTestApp } from '../support/capture.js';

let t: CaptureTestApp;
beforeEach(async () => {
  t = await makeCaptureApp(fakeGeo({ '81.2.69.160': { country: 'GB', region: 'ENG', city: 'St Albans' } }));
  await t.api('POST', '/api/links', {
    url: 'https://example.com/p',
    slug: 'post',
    network: 'linkedin',
    campaign: 'Q1',
  });
});
afterEach(() => t.close());

const click = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  t.app.request(path, { method, headers: { 'user-agent': UA.chromeDesktop, ...headers } });
const clicks = async (query = '') => ((await (await t.api('GET', `/api/clicks${query}`)).json()) as any).clicks;

describe('click capture on redirect', () => {
  it('records one enriched click per GET, after answering', async () => {
    const res = await click('/post?qr=1', {
      referer: 'https://www.linkedin.com/feed/',
      'x-forwarded-for': '203.0.113.9, 81.2.69.160',
    });
    expect(res.status).toBe(302);
    expect(t.visits).toHaveLength(1); // queued, not yet written: the redirect did not wait
    await t.flush();
    const [c] = await clicks();
    expect(c).toMatchObject({
      clickedAt: '2026-03-10T12:00:00.000Z',
      slug: 'post',
      campaign: 'Q1',
      network: 'linkedin',
      source: 'linkedin',
      referrer: 'https://www.linkedin.com/feed/',
      referrerHost: 'linkedin.com',
      device: 'desktop',
      os: 'Windows',
      browser: 'Chrome',
      country: 'GB',
      region: 'ENG',
      city: 'St Albans',
      bot: false,
      qr: true,
    });
    expect(c.visitor).toMatch(/^[0-9a-f]{32}$/);
  });

  it('attributes in-app browsers and utm_source on the short link', async () => {
    await click('/post', { 'user-agent': UA.instagramIphone });
    await click('/post?utm_source=newsletter', { referer: 'https://t.co/x' });
    await t.flush();
    const [utm, insta] = await clicks();
    expect(insta).toMatchObject({ source: 'instagram', device: 'mobile', browser: 'Instagram', referrer: null });
    expect(utm.source).toBe('newsletter');
  });

  it('records link-preview crawlers as bots, still redirecting them', async () => {
    const res = await click('/post', { 'user-agent': UA.facebookPreview });
    expect(res.status).toBe(302);
    await t.flush();
    expect((await clicks())[0].bot).toBe(true);
  });

  it('never counts HEAD requests and marks prefetches as non-human', async () => {
    expect((await click('/post', {}, 'HEAD')).status).toBe(302);
    await click('/post', { 'sec-purpose': 'prefetch;prerender' });
    await click('/post', { purpose: 'prefetch' });
    await t.flush();
    const rows = await clicks();
    expect(rows).toHaveLength(2);
    expect(rows.every((r: any) => r.bot)).toBe(true);
  });

  it('records nothing for unknown, disabled or expired links', async () => {
    await click('/nope');
    await t.api('PATCH', '/api/links/post', { disabled: true });
    expect((await click('/post')).status).toBe(410);
    await t.flush();
    expect(await clicks()).toHaveLength(0);
  });

  it('answers 410 after maxClicks human clicks; bots do not use them up', async () => {
    await t.api('PATCH', '/api/links/post', { maxClicks: 2 });
    await click('/post', { 'user-agent': UA.facebookPreview });
    await click('/post');
    await t.flush();
    expect((await click('/post')).status).toBe(302);
    await t.flush();
    const res = await click('/post', { accept: 'application/json' });
    expect(res.status).toBe(410);
    expect(((await res.json()) as any).error.code).toBe('link_exhausted');
  });

  it('holds maxClicks under a burst: visits that arrive before any click is written still count', async () => {
    await t.api('PATCH', '/api/links/post', { maxClicks: 3 });
    const burst = await Promise.all([
      click('/post', { 'user-agent': UA.facebookPreview }), // a preview fetch spends nothing
      click('/post', { 'sec-purpose': 'prefetch' }), // nor does a prefetch
      t.app.request('/post', { method: 'HEAD' }), // nor a HEAD
      ...Array.from({ length: 10 }, () => click('/post')),
    ]);
    expect(burst.slice(0, 3).map((r) => r.status)).toEqual([302, 302, 302]);
    const people = burst.slice(3).map((r) => r.status);
    expect(people.filter((s) => s === 302)).toHaveLength(3);
    expect(people.filter((s) => s === 410)).toHaveLength(7);
    await t.flush();
    expect(((await (await t.api('GET', '/api/links/post')).json()) as any).clicks).toBe(3);
    expect((await click('/post')).status).toBe(410);
  });

  it('never writes the raw address anywhere in the database file', async () => {
    const ips = ['81.2.69.160', '203.0.113.77', '2001:db8::1234'];
    for (const ip of ips) await click('/post', { 'x-forwarded-for': ip });
    await t.flush();
    t.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const path = t.database.sqlite.name;
    const bytes = readFileSync(path).toString('latin1');
    expect(bytes).toContain('St Albans'); // the file does hold the clicks…
    for (const ip of ips) expect(bytes).not.toContain(ip); // …but none of the addresses
    const rows = JSON.stringify(t.database.sqlite.prepare('select * from clicks').all());
    for (const ip of ips) expect(rows).not.toContain(ip);
  });

  it('gives private and loopback addresses an empty location', async () => {
    const located = await makeCaptureApp(fakeGeo({ '10.1.2.3': { country: 'US', region: 'CA', city: 'X' } }));
    await located.api('POST', '/api/links', { url: 'https://example.com', slug: 'p' });
    await located.app.request('/p', { headers: { 'x-forwarded-for': '10.1.2.3' } });
    await located.flush();
    const [c] = ((await (await located.api('GET', '/api/clicks')).json()) as any).clicks;
    expect(c).toMatchObject({ country: null, region: null, city: null });
    located.close();
  });

  it('crops long referrers and user agents to their limits', async () => {
    await click('/post', {
      referer: `https://example.org/${'r'.repeat(3000)}`,
      'user-agent': `Mozilla/5.0 ${'u'.repeat(2000)}`,
    });
    await t.flush();
    const row = t.database.sqlite.prepare('select referrer, user_agent from clicks').get() as any;
    expect(row.referrer).toHaveLength(1024);
    expect(row.user_agent).toHaveLength(512);
  });

  it('marks a visitor first of the day once per link per UTC day', async () => {
    await click('/post', { 'x-forwarded-for': '203.0.113.5' });
    await click('/post', { 'x-forwarded-for': '203.0.113.5' });
    await t.flush();
    await click('/post', { 'x-forwarded-for': '203.0.113.5' });
    await t.flush();
    t.clock.advance(24 * 3600_000);
    await click('/post', { 'x-forwarded-for': '203.0.113.5' });
    await t.flush();
    const firsts = t.database.sqlite.prepare('select first_of_day from clicks order by id').pluck().all();
    expect(firsts).toEqual([1, 0, 0, 1]);
  });
});

describe('GET /api/clicks', () => {
  beforeEach(async () => {
    await t.api('POST', '/api/links', { url: 'https://example.com/o', slug: 'other', network: 'x', campaign: 'Q2' });
    await click('/post');
    t.clock.advance(3600_000);
    await click('/post', { 'user-agent': UA.facebookPreview });
    t.clock.advance(3600_000);
    await click('/other');
    await t.flush();
  });

  it('lists newest first with bots included by default, paged by cursor', async () => {
    const first = (await (await t.api('GET', '/api/clicks?limit=2')).json()) as any;
    expect(first.clicks.map((c: any) => c.slug)).toEqual(['other', 'post']);
    expect(first.clicks[1].bot).toBe(true);
    const next = (await (await t.api('GET', `/api/clicks?limit=2&cursor=${first.nextCursor}`)).json()) as any;
    expect(next.clicks).toHaveLength(1);
    expect(next.nextCursor).toBeNull();
  });

  it('filters by slug, campaign, network, time and bots', async () => {
    expect(await clicks('?slug=post')).toHaveLength(2);
    expect(await clicks('?campaign=Q2')).toHaveLength(1);
    expect(await clicks('?network=twitter')).toHaveLength(1);
    expect(await clicks('?bots=exclude')).toHaveLength(2);
    expect(await clicks('?bots=only')).toHaveLength(1);
    expect(await clicks('?from=2026-03-10T12:30:00Z&to=2026-03-10T14:00:00Z')).toHaveLength(1);
    expect(await clicks('?from=2026-03-11')).toHaveLength(0);
  });

  it('answers 400 for bad filters', async () => {
    for (const q of ['?bots=maybe', '?from=yesterday', '?network=myspace', '?limit=0', '?cursor=x']) {
      const res = await t.api('GET', `/api/clicks${q}`);
      expect(res.status, q).toBe(400);
    }
  });
});
