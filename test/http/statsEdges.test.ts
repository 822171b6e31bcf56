import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStatsApp, UA, visit, type StatsTestApp } from './statsFixture.js';

// Cases the shared ten-click scenario does not reach; expectations are counted by hand.
let t: StatsTestApp;
let fallBack: number;
let unposted: number;
beforeAll(async () => {
  t = await makeStatsApp({ '203.0.113.1': { country: 'US', region: 'NY', city: 'New York' } });
  t.clock.set(Date.parse('2026-11-03T10:00:00Z'));
  fallBack = await t.post({
    url: 'https://example.com/fall',
    slug: 'fall-back',
    campaign: 'Autumn',
    network: 'x',
    postedAt: '2026-10-31T12:00:00Z',
  });
  unposted = await t.post({ url: 'https://example.com/later', slug: 'no-post-time', campaign: 'Autumn', network: 'x' });
  await t.post({
    url: 'https://example.com/quiet',
    slug: 'quiet',
    campaign: 'Quiet',
    network: 'bluesky',
    postedAt: '2026-11-02T08:00:00Z',
  });
  const twinA = await t.post({
    url: 'https://example.com/a',
    slug: 'twin-a',
    campaign: 'Twins',
    network: 'threads',
    postedAt: '2026-11-04T08:00:00Z',
  });
  const twinB = await t.post({
    url: 'https://example.com/b',
    slug: 'twin-b',
    campaign: 'Twins',
    network: 'threads',
    postedAt: '2026-11-04T08:00:00Z',
  });
  await t.record([
    // 2026-11-01, New York falls back at 06:00Z: 01:00–02:00 happens twice (EDT, then EST).
    visit(fallBack, '2026-11-01T05:30:00Z', { address: '203.0.113.1', userAgent: UA.chromeDesktop }), // 01:30 EDT
    visit(fallBack, '2026-11-01T06:10:00Z', { address: '203.0.113.1', userAgent: UA.chromeDesktop }), // 01:10 EST, same visitor
    visit(fallBack, '2026-11-01T06:50:00Z', { address: '203.0.113.2', userAgent: UA.safariIphone }), // 01:50 EST
    // The post without a post time was created at 10:00Z on 11-03.
    visit(unposted, '2026-11-03T10:30:00Z', { address: '203.0.113.3', userAgent: UA.chromeDesktop }),
    visit(unposted, '2026-11-03T12:10:00Z', { address: '203.0.113.4', userAgent: UA.chromeDesktop }),
    // One person on both posts of a campaign, twice each, on one day; then again the next day.
    visit(twinA, '2026-11-04T09:00:00Z', { address: '203.0.113.9', userAgent: UA.safariIphone }),
    visit(twinA, '2026-11-04T09:05:00Z', { address: '203.0.113.9', userAgent: UA.safariIphone }),
    visit(twinB, '2026-11-04T09:10:00Z', { address: '203.0.113.9', userAgent: UA.safariIphone }),
    visit(twinB, '2026-11-04T09:15:00Z', { address: '203.0.113.9', userAgent: UA.safariIphone }),
  ]);
  t.clock.set(Date.parse('2026-11-05T10:00:00Z')); // the visitor key's salt is the day's
  await t.record([visit(twinA, '2026-11-05T10:00:00Z', { address: '203.0.113.9', userAgent: UA.safariIphone })]);
  t.clock.set(Date.parse('2026-11-10T00:00:00Z'));
});
afterAll(() => t.close());

const ok = async (path: string) => {
  const res = await t.get(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('the autumn clock change', () => {
  it('gives the fall-back day 25 hours, the repeated hour twice with its own clicks', async () => {
    const body = await ok('/api/stats?slug=fall-back&from=2026-11-01&to=2026-11-02&tz=America/New_York&interval=hour');
    expect(body.series).toHaveLength(25);
    expect(body.series.slice(0, 4)).toEqual([
      { t: '2026-11-01T00:00:00-04:00', clicks: 0, uniques: 0 },
      { t: '2026-11-01T01:00:00-04:00', clicks: 1, uniques: 1 },
      { t: '2026-11-01T01:00:00-05:00', clicks: 2, uniques: 1 },
      { t: '2026-11-01T02:00:00-05:00', clicks: 0, uniques: 0 },
    ]);
    expect(body.totals).toEqual({ clicks: 3, uniques: 2, bots: 0 });
    const daily = await ok('/api/stats?slug=fall-back&from=2026-10-31&to=2026-11-03&tz=America/New_York&interval=day');
    expect(daily.series).toEqual([
      { t: '2026-10-31T00:00:00-04:00', clicks: 0, uniques: 0 },
      { t: '2026-11-01T00:00:00-04:00', clicks: 3, uniques: 2 },
      { t: '2026-11-02T00:00:00-05:00', clicks: 0, uniques: 0 },
    ]);
  });

  it('starts a range inside the second copy of the hour exactly', async () => {
    // 01:30 local is ambiguous; an explicit offset names the second copy (06:30Z): one click left.
    const body = await ok(
      '/api/stats?slug=fall-back&from=2026-11-01T01:30:00-05:00&to=2026-11-01T03:00:00-05:00&tz=America/New_York',
    );
    expect(body.totals.clicks).toBe(1);
  });
});

describe('compare without a post time', () => {
  it('puts hour 0 at the creation time of a post that has no post time', async () => {
    const { series } = await ok('/api/stats/compare?slug=no-post-time&hours=3');
    expect(series).toHaveLength(1);
    expect(series[0].postedAt).toBe('2026-11-03T10:00:00.000Z');
    expect(series[0].points.map((p: any) => [p.t, p.clicks, p.cumulative])).toEqual([
      [0, 1, 1],
      [1, 0, 1],
      [2, 1, 2],
    ]);
  });
});

describe('unique visitors', () => {
  it('counts a visitor once per post per day, as docs/analytics.md defines it', async () => {
    const body = await ok('/api/stats?campaign=Twins&from=2026-11-04&to=2026-11-06&interval=day');
    // Day 1: one person, two posts → two uniques; day 2: the same person again → one more.
    expect(body.series.map((p: any) => [p.clicks, p.uniques])).toEqual([
      [4, 2],
      [1, 1],
    ]);
    expect(body.totals).toEqual({ clicks: 5, uniques: 3, bots: 0 });
    expect(body.breakdowns.link.map((r: any) => [r.value, r.clicks, r.uniques])).toEqual([
      ['twin-a', 3, 2],
      ['twin-b', 2, 1],
    ]);
  });
});

describe('campaigns in a range', () => {
  it('lists a campaign whose post went out in the range, though nobody clicked it yet', async () => {
    const { campaigns } = await ok('/api/campaigns?from=2026-11-02&to=2026-11-03');
    expect(campaigns).toEqual([
      {
        campaign: 'Quiet',
        links: 1,
        clicks: 0,
        uniques: 0,
        bestNetwork: null,
        firstPostAt: '2026-11-02T08:00:00.000Z',
        lastPostAt: '2026-11-02T08:00:00.000Z',
      },
    ]);
  });
});
