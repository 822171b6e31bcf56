import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStatsApp, recordScenario, SCENARIO_PLACES, visit, UA, type StatsTestApp } from './statsFixture.js';

let t: StatsTestApp;
beforeAll(async () => {
  t = await makeStatsApp(SCENARIO_PLACES);
  await recordScenario(t);
  // Posted six hours before the clock (03-10 12:00): its first day is still running.
  const fresh = await t.post({
    url: 'https://example.com/fresh',
    slug: 'fresh',
    campaign: 'Spring',
    network: 'x',
    postedAt: '2026-03-10T06:00:00Z',
  });
  await t.record([visit(fresh, '2026-03-10T06:20:00Z', { userAgent: UA.chromeDesktop })]);
});
afterAll(() => t.close());

const get = async (path: string) => {
  const res = await t.get(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
/** The cells with anything in them, as [weekday, hour, clicks, uniques, posts]. */
const filled = (body: any) =>
  body.cells.filter((c: any) => c.clicks || c.posts).map((c: any) => [c.weekday, c.hour, c.clicks, c.uniques, c.posts]);
const RANGE = 'from=2026-03-01&to=2026-03-10';

// Counted by hand from the scenario table in statsFixture.ts; 2026-03-02 is a Monday (weekday 0).
describe('GET /api/stats/heatmap', () => {
  it('answers 168 cells, Monday first, with the clicks of each local weekday and hour', async () => {
    const body = await get(`/api/stats/heatmap?${RANGE}`);
    expect(body.range).toEqual({ from: '2026-03-01T00:00:00+00:00', to: '2026-03-10T00:00:00+00:00', tz: 'UTC' });
    expect(body.metric).toBe('clicks');
    expect(body.cells).toHaveLength(168);
    expect(body.cells.slice(0, 2)).toEqual([
      { weekday: 0, hour: 0, clicks: 0, uniques: 0, posts: 0 },
      { weekday: 0, hour: 1, clicks: 0, uniques: 0, posts: 0 },
    ]);
    expect(filled(body)).toEqual([
      [0, 9, 2, 1, 1],
      [0, 18, 1, 1, 1], // li-launch: 09:10 and 09:20 by the same visitor, 18:40
      [2, 10, 1, 1, 1],
      [2, 12, 1, 1, 1], // li-followup
      [4, 16, 1, 1, 1],
      [4, 18, 1, 1, 1],
      [5, 3, 1, 1, 1], // x-launch, the last at 03:00 on Saturday
      [6, 12, 1, 1, 1], // fb-other
    ]);
  });

  it('moves every click by 5 h 45 in Kathmandu, splitting the 09:10 and 09:20 clicks across 15:00', async () => {
    const body = await get('/api/stats/heatmap?from=2026-03-01&to=2026-03-10&tz=Asia/Kathmandu');
    expect(body.range.from).toBe('2026-03-01T00:00:00+05:45');
    expect(filled(body)).toEqual([
      [0, 14, 1, 1, 1],
      [0, 15, 1, 0, 1],
      [1, 0, 1, 1, 1], // 14:55, 15:05, Tue 00:25
      [2, 16, 1, 1, 1],
      [2, 18, 1, 1, 1],
      [4, 21, 1, 1, 1],
      [5, 0, 1, 1, 1],
      [5, 8, 1, 1, 1],
      [6, 17, 1, 1, 1],
    ]);
  });

  it('counts posts with clicks in a cell, and follows the filters and bots mode of /api/stats', async () => {
    expect(filled(await get(`/api/stats/heatmap?${RANGE}&network=linkedin&bots=only`))).toEqual([[1, 1, 1, 0, 1]]);
    expect(filled(await get(`/api/stats/heatmap?${RANGE}&country=FR&tz=Europe/Paris`))).toEqual([
      [0, 10, 2, 1, 1],
      [2, 13, 1, 1, 1],
      [5, 4, 1, 1, 1],
    ]);
  });

  it('buckets each post by its posting time with its first 24 hours of clicks for metric=first24h', async () => {
    const body = await get(`/api/stats/heatmap?from=2026-03-01&to=2026-03-11&metric=first24h`);
    expect(body.metric).toBe('first24h');
    expect(filled(body)).toEqual([
      [0, 9, 3, 2, 1], // li-launch: 3 clicks in its first day
      [2, 10, 2, 2, 1],
      [4, 16, 3, 3, 1],
      [6, 11, 1, 1, 1],
    ]);
    expect(body.pending).toBe(1); // fresh: posted 6 hours ago
    expect(filled(await get(`/api/stats/heatmap?${RANGE}&metric=first24h&bots=include&network=linkedin`))).toEqual([
      [0, 9, 4, 2, 1],
      [2, 10, 2, 2, 1],
    ]);
  });

  it.each([
    ['metric=views', 'invalid_input', /metric/],
    ['tz=Mars/Olympus', 'invalid_input', /time zone/],
    ['from=2024-01-01&to=2026-01-01', 'invalid_input', /366 days/],
    ['from=yesterday', 'invalid_input', /from/],
    ['network=myspace', 'invalid_input', /network/],
  ])('refuses %s with a 400', async (query, code, message) => {
    const res = await t.get(`/api/stats/heatmap?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(message);
  });
});

describe('GET /api/stats/lifetime', () => {
  it('gives each post posted in the range its windows, peak hour and half-life, newest first', async () => {
    const body = await get(`/api/stats/lifetime?${RANGE}`);
    expect(body.posts).toEqual([
      {
        slug: 'fb-other',
        title: null,
        network: 'facebook',
        postedAt: '2026-03-08T11:00:00+00:00',
        h1: 0,
        h24: 1,
        h72: null,
        d7: null,
        peakHour: 1,
        halfLifeHours: null,
      },
      {
        slug: 'x-launch',
        title: null,
        network: 'x',
        postedAt: '2026-03-06T16:00:00+00:00',
        h1: 1,
        h24: 3,
        h72: 3,
        d7: null,
        peakHour: 0,
        halfLifeHours: null,
      },
      {
        slug: 'li-followup',
        title: null,
        network: 'linkedin',
        postedAt: '2026-03-04T10:30:00+00:00',
        h1: 1,
        h24: 2,
        h72: 2,
        d7: null,
        peakHour: 0,
        halfLifeHours: null,
      },
      {
        slug: 'li-launch',
        title: 'Launch on LinkedIn',
        network: 'linkedin',
        postedAt: '2026-03-02T09:00:00+00:00',
        h1: 2,
        h24: 3,
        h72: 3,
        d7: 3,
        peakHour: 0,
        halfLifeHours: 0.5,
      },
    ]);
    expect(body.networks).toEqual([
      { network: 'linkedin', posts: 2, median: { h1: 1.5, h24: 2.5, h72: 2.5, d7: 3, halfLifeHours: 0.5 } },
      { network: 'facebook', posts: 1, median: { h1: 0, h24: 1, h72: null, d7: null, halfLifeHours: null } },
      { network: 'x', posts: 1, median: { h1: 1, h24: 3, h72: 3, d7: null, halfLifeHours: null } },
    ]);
  });

  it("agrees with the heatmap's first24h metric post by post", async () => {
    const { posts } = await get(`/api/stats/lifetime?${RANGE}&campaign=Spring`);
    const heat = await get(`/api/stats/heatmap?${RANGE}&campaign=Spring&metric=first24h`);
    expect(heat.cells.reduce((n: number, c: any) => n + c.clicks, 0)).toBe(
      posts.reduce((n: number, p: any) => n + p.h24, 0),
    );
  });
});

describe('GET /api/insights', () => {
  it('says what data is missing instead of recommending from four posts', async () => {
    const { insights } = await get(`/api/insights?${RANGE}`);
    expect(insights.length).toBeGreaterThan(0);
    for (const i of insights) {
      expect(i).toEqual({
        id: expect.any(String),
        kind: expect.any(String),
        text: expect.any(String),
        evidence: expect.any(Object),
        confidence: expect.stringMatching(/^(low|medium|high)$/),
      });
    }
    expect(insights.every((i: any) => i.kind === 'missing_data')).toBe(true);
    expect(insights.map((i: any) => i.text)).toContain(
      '8 more LinkedIn posts with a full first day of clicks are needed to compare publishing times (2 of 10).',
    );
    expect(await get(`/api/insights?${RANGE}`)).toEqual({ insights });
  });

  it('refuses bad filters with a 400', async () => {
    const res = await t.get('/api/insights?bots=maybe');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });
});
