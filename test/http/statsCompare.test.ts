import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStatsApp, recordScenario, SCENARIO_PLACES, type StatsTestApp } from './statsFixture.js';

// The scenario's ten clicks are listed in statsFixture.ts; expectations are counted from it.
let t: StatsTestApp;
beforeAll(async () => {
  t = await makeStatsApp(SCENARIO_PLACES);
  await recordScenario(t);
});
afterAll(() => t.close());

const ok = async (path: string) => {
  const res = await t.get(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const points = (s: any) => s.points.map((p: any) => [p.t, p.clicks, p.cumulative]);

describe('GET /api/stats/compare', () => {
  it('puts hour 0 at each post time: posts side by side over their first hours', async () => {
    const { series } = await ok('/api/stats/compare?campaign=Spring&hours=3');
    expect(series.map((s: any) => [s.key, s.label, s.network, s.campaign, s.postedAt, s.posts])).toEqual([
      ['li-launch', 'Launch on LinkedIn', 'linkedin', 'Spring', '2026-03-02T09:00:00.000Z', 1],
      ['li-followup', 'li-followup', 'linkedin', 'Spring', '2026-03-04T10:30:00.000Z', 1],
      ['x-launch', 'x-launch', 'x', 'Spring', '2026-03-06T16:00:00.000Z', 1],
    ]);
    // li-launch: 09:10, 09:20 in hour 0. li-followup (10:30): 10:40 in hour 0, 12:35 in hour 2.
    // x-launch (16:00): 16:05 in hour 0, 18:29 in hour 2.
    expect(series.map(points)).toEqual([
      [
        [0, 2, 2],
        [1, 0, 2],
        [2, 0, 2],
      ],
      [
        [0, 1, 1],
        [1, 0, 1],
        [2, 1, 2],
      ],
      [
        [0, 1, 1],
        [1, 0, 1],
        [2, 1, 2],
      ],
    ]);
  });

  it('compares networks within a campaign, summing each post from its own hour 0', async () => {
    const { series } = await ok('/api/stats/compare?campaign=Spring&by=network&hours=3');
    expect(series.map((s: any) => [s.key, s.network, s.campaign, s.posts, s.postedAt])).toEqual([
      ['linkedin', 'linkedin', 'Spring', 2, '2026-03-02T09:00:00.000Z'],
      ['x', 'x', 'Spring', 1, '2026-03-06T16:00:00.000Z'],
    ]);
    expect(series.map(points)).toEqual([
      [
        [0, 3, 3],
        [1, 0, 3],
        [2, 1, 4],
      ],
      [
        [0, 1, 1],
        [1, 0, 1],
        [2, 1, 2],
      ],
    ]);
  });

  it('compares campaigns', async () => {
    const { series } = await ok('/api/stats/compare?by=campaign&hours=2');
    expect(series.map((s: any) => [s.key, s.network, s.posts])).toEqual([
      ['Spring', null, 3],
      ['Autumn', 'facebook', 1],
    ]);
    expect(series.map(points)).toEqual([
      [
        [0, 4, 4],
        [1, 0, 4],
      ],
      [
        [0, 0, 0],
        [1, 1, 1],
      ],
    ]);
  });

  it('counts bots only when asked, and uses day intervals in hours since posting', async () => {
    const {
      series: [hourly],
    } = await ok('/api/stats/compare?slug=li-launch&hours=24&bots=include');
    expect(hourly.points).toHaveLength(24);
    expect(hourly.points.filter((p: any) => p.clicks > 0).map((p: any) => [p.t, p.clicks])).toEqual([
      [0, 2],
      [9, 1],
      [16, 1],
    ]);
    const {
      series: [daily],
    } = await ok('/api/stats/compare?slug=li-launch&hours=72&interval=day');
    expect(points(daily)).toEqual([
      [0, 3, 3],
      [24, 0, 3],
      [48, 0, 3],
    ]);
  });

  it('aligns on the calendar from the earliest post, in the time zone asked for', async () => {
    const { series } = await ok('/api/stats/compare?campaign=Spring&align=calendar&interval=day&hours=72');
    const days = ['2026-03-02T00:00:00+00:00', '2026-03-03T00:00:00+00:00', '2026-03-04T00:00:00+00:00'];
    expect(series.map(points)).toEqual([
      [
        [days[0], 3, 3],
        [days[1], 0, 3],
        [days[2], 0, 3],
      ],
      [
        [days[0], 0, 0],
        [days[1], 0, 0],
        [days[2], 2, 2],
      ],
      [
        [days[0], 0, 0],
        [days[1], 0, 0],
        [days[2], 0, 0],
      ],
    ]);
    // In Kolkata, click 3 (18:40Z on 03-02) falls on the local 3rd.
    const {
      series: [kolkata],
    } = await ok('/api/stats/compare?slug=li-launch&align=calendar&interval=day&hours=48&tz=Asia/Kolkata');
    expect(points(kolkata)).toEqual([
      ['2026-03-02T00:00:00+05:30', 2, 2],
      ['2026-03-03T00:00:00+05:30', 1, 3],
    ]);
  });

  it('filters by network, keeps the latest posts up to limit, and counts bots alone when asked', async () => {
    const byNetwork = await ok('/api/stats/compare?campaign=Spring&network=x&hours=3');
    expect(byNetwork.series.map((s: any) => s.key)).toEqual(['x-launch']);
    const limited = await ok('/api/stats/compare?campaign=Spring&hours=3&limit=2');
    // The two most recent posts, shown oldest first.
    expect(limited.series.map((s: any) => s.key)).toEqual(['li-followup', 'x-launch']);
    // The one bot hit: Googlebot on li-launch at 03-03 01:00, 16 hours after its 09:00 post.
    const {
      series: [bots],
    } = await ok('/api/stats/compare?slug=li-launch&hours=24&bots=only');
    expect(bots.points.filter((p: any) => p.clicks > 0).map((p: any) => [p.t, p.clicks])).toEqual([[16, 1]]);
  });

  it('leaves out intervals that have not begun yet', async () => {
    const now = t.clock();
    t.clock.set(Date.parse('2026-03-06T18:00:00Z'));
    try {
      const {
        series: [x],
      } = await ok('/api/stats/compare?slug=x-launch&hours=72');
      expect(points(x)).toEqual([
        [0, 1, 1],
        [1, 0, 1],
      ]);
    } finally {
      t.clock.set(now);
    }
  });

  it.each(['by=day', 'hours=0', 'hours=5000', 'align=weird', 'interval=week', 'limit=51'])(
    'refuses %s with 400',
    async (query) => {
      const res = await t.get(`/api/stats/compare?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    },
  );
});

describe('GET /api/campaigns', () => {
  it('lists campaigns with posts, clicks, uniques, best network and post times, most clicked first', async () => {
    expect(await ok('/api/campaigns')).toEqual({
      campaigns: [
        {
          campaign: 'Spring',
          links: 3,
          clicks: 8,
          uniques: 7,
          bestNetwork: 'linkedin',
          firstPostAt: '2026-03-02T09:00:00.000Z',
          lastPostAt: '2026-03-06T16:00:00.000Z',
        },
        {
          campaign: 'Autumn',
          links: 1,
          clicks: 1,
          uniques: 1,
          bestNetwork: 'facebook',
          firstPostAt: '2026-03-08T11:00:00.000Z',
          lastPostAt: '2026-03-08T11:00:00.000Z',
        },
      ],
    });
  });

  it('counts only the range, and leaves out campaigns with neither posts nor clicks in it', async () => {
    const { campaigns } = await ok('/api/campaigns?from=2026-03-06&to=2026-03-10');
    expect(campaigns.map((c: any) => [c.campaign, c.clicks, c.uniques, c.bestNetwork])).toEqual([
      ['Spring', 3, 3, 'x'],
      ['Autumn', 1, 1, 'facebook'],
    ]);
    expect((await ok('/api/campaigns?from=2026-03-09')).campaigns).toEqual([]);
    expect((await ok('/api/campaigns?from=2026-03-03&to=2026-03-04')).campaigns).toEqual([]);
    const bots = await ok('/api/campaigns?from=2026-03-03&to=2026-03-04&bots=only');
    expect(bots.campaigns.map((c: any) => [c.campaign, c.clicks, c.bestNetwork])).toEqual([['Spring', 1, 'linkedin']]);
  });

  it('reads the range in the time zone asked for', async () => {
    const { campaigns } = await ok('/api/campaigns?from=2026-03-02&to=2026-03-03&tz=Asia/Kolkata');
    expect(campaigns.map((c: any) => [c.campaign, c.clicks, c.uniques])).toEqual([['Spring', 2, 1]]);
  });

  it('refuses a bad range with 400', async () => {
    expect((await t.get('/api/campaigns?from=2026-13-01')).status).toBe(400);
  });
});
