import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStatsApp, recordScenario, SCENARIO_PLACES, type StatsTestApp } from './statsFixture.js';

let t: StatsTestApp;
beforeAll(async () => {
  t = await makeStatsApp(SCENARIO_PLACES);
  await recordScenario(t);
});
afterAll(() => t.close());

const stats = async (query: string) => {
  const res = await t.get(`/api/stats?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const row = (value: string | null, clicks: number, uniques: number, label?: string) => ({
  value,
  clicks,
  uniques,
  ...(label ? { label } : {}),
});
const clicksOf = (body: any) => body.series.map((p: any) => p.clicks);

describe('GET /api/stats', () => {
  it('answers totals, a gap-free daily series and every breakdown for a UTC range', async () => {
    const body = await stats('from=2026-03-01&to=2026-03-10');
    expect(body.range).toEqual({
      from: '2026-03-01T00:00:00+00:00',
      to: '2026-03-10T00:00:00+00:00',
      tz: 'UTC',
      interval: 'day',
    });
    expect(body.totals).toEqual({ clicks: 9, uniques: 8, bots: 1 });
    expect(body.series.map((p: any) => p.t)).toEqual(
      Array.from({ length: 9 }, (_, i) => `2026-03-0${i + 1}T00:00:00+00:00`),
    );
    expect(clicksOf(body)).toEqual([0, 3, 0, 2, 0, 2, 1, 1, 0]);
    expect(body.series.map((p: any) => p.uniques)).toEqual([0, 2, 0, 2, 0, 2, 1, 1, 0]);
    const b = body.breakdowns;
    expect(b.source).toEqual([
      row('direct', 3, 3),
      row('linkedin', 3, 2),
      row('facebook', 1, 1),
      row('google', 1, 1),
      row('x', 1, 1),
    ]);
    expect(b.referrer).toEqual([
      row(null, 3, 3),
      row('lnkd.in', 3, 2),
      row('facebook.com', 1, 1),
      row('google.com', 1, 1),
      row('t.co', 1, 1),
    ]);
    expect(b.country).toEqual([row('FR', 4, 3), row('IN', 2, 2), row('US', 2, 2), row('DE', 1, 1)]);
    expect(b.city).toEqual([
      row('Paris', 4, 3, 'Paris, FR'),
      row('New York', 2, 2, 'New York, US'),
      row('Berlin', 1, 1, 'Berlin, DE'),
      row('Delhi', 1, 1, 'Delhi, IN'),
      row('Mumbai', 1, 1, 'Mumbai, IN'),
    ]);
    expect(b.device).toEqual([row('mobile', 6, 5), row('desktop', 3, 3)]);
    expect(b.os).toEqual([row('iOS', 4, 3), row('Windows', 3, 3), row('Android', 2, 2)]);
    expect(b.browser).toEqual([row('Chrome', 5, 5), row('Mobile Safari', 4, 3)]);
    expect(b.link).toEqual([
      row('x-launch', 3, 3),
      row('li-launch', 3, 2, 'Launch on LinkedIn'),
      row('li-followup', 2, 2),
      row('fb-other', 1, 1),
    ]);
    expect(b.network).toEqual([row('linkedin', 5, 4), row('x', 3, 3), row('facebook', 1, 1)]);
    expect(b.campaign).toEqual([row('Spring', 8, 7), row('Autumn', 1, 1)]);
  });

  it('limits breakdowns to the largest rows', async () => {
    const body = await stats('from=2026-03-01&to=2026-03-10&limit=2');
    expect(body.breakdowns.source).toEqual([row('direct', 3, 3), row('linkedin', 3, 2)]);
    expect(body.breakdowns.link).toHaveLength(2);
  });

  it.each([
    ['campaign=Spring', 8, 7, 1],
    ['campaign=Autumn', 1, 1, 0],
    ['campaign=Spring&campaign=Autumn', 9, 8, 1],
    ['network=x', 3, 3, 0],
    ['network=LinkedIn', 5, 4, 1],
    ['network=twitter,facebook', 4, 4, 0],
    ['slug=li-launch,fb-other', 4, 3, 1],
    ['slug=li-launch&slug=x-launch', 6, 5, 1],
    ['source=direct', 3, 3, 1],
    ['source=linkedin,google', 4, 3, 0],
    ['country=fr', 4, 3, 0],
    ['country=US', 2, 2, 1],
    ['device=desktop', 3, 3, 0],
    ['device=other', 0, 0, 1],
    ['campaign=Spring&device=mobile', 6, 5, 0],
    ['campaign=Spring&country=IN&source=x', 1, 1, 0],
    ['network=linkedin&source=direct', 1, 1, 1],
    ['campaign=Autumn&country=FR', 0, 0, 0],
    ['slug=nope', 0, 0, 0],
  ])('filters %s: clicks, uniques and bots combine', async (filter, clicks, uniques, bots) => {
    const body = await stats(`from=2026-03-01&to=2026-03-10&${filter}`);
    expect(body.totals).toEqual({ clicks, uniques, bots });
    expect(clicksOf(body).reduce((a: number, b: number) => a + b, 0)).toBe(clicks);
    const sum = (rows: any[]) => rows.reduce((n, r) => n + r.clicks, 0);
    for (const name of ['source', 'referrer', 'country', 'device', 'os', 'network', 'campaign', 'link']) {
      expect(sum(body.breakdowns[name]), name).toBe(clicks);
    }
  });

  it('breaks a filtered range down by the dimensions it did not filter on', async () => {
    const body = await stats('from=2026-03-01&to=2026-03-10&campaign=Spring&country=IN');
    expect(body.breakdowns.source).toEqual([row('direct', 1, 1), row('x', 1, 1)]);
    expect(body.breakdowns.city).toEqual([row('Delhi', 1, 1, 'Delhi, IN'), row('Mumbai', 1, 1, 'Mumbai, IN')]);
    expect(body.breakdowns.link).toEqual([row('x-launch', 2, 2)]);
  });

  it('counts bot hits apart, and alone or together on request', async () => {
    const only = await stats('from=2026-03-01&to=2026-03-10&bots=only');
    expect(only.totals).toEqual({ clicks: 1, uniques: 0, bots: 1 });
    expect(clicksOf(only)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(only.breakdowns.device).toEqual([row('other', 1, 0)]);
    expect(only.breakdowns.city).toEqual([row('Mountain View', 1, 0, 'Mountain View, US')]);
    const all = await stats('from=2026-03-01&to=2026-03-10&bots=include');
    expect(all.totals).toEqual({ clicks: 10, uniques: 8, bots: 1 });
    expect(all.breakdowns.link[0]).toEqual(row('li-launch', 4, 2, 'Launch on LinkedIn'));
  });

  it('cuts days at local midnight in a half-hour zone (Asia/Kolkata, +5:30)', async () => {
    // Local 03-02 is [03-01 18:30Z, 03-02 18:30Z): clicks 1 and 2; click 3 (18:40Z) is local 03-03 00:10.
    const body = await stats('from=2026-03-02&to=2026-03-04&tz=Asia/Kolkata');
    expect(body.range).toEqual({
      from: '2026-03-02T00:00:00+05:30',
      to: '2026-03-04T00:00:00+05:30',
      tz: 'Asia/Kolkata',
      interval: 'hour',
    });
    const daily = await stats('from=2026-03-02&to=2026-03-04&tz=Asia/Kolkata&interval=day');
    expect(daily.series).toEqual([
      { t: '2026-03-02T00:00:00+05:30', clicks: 2, uniques: 1 },
      { t: '2026-03-03T00:00:00+05:30', clicks: 1, uniques: 1 },
    ]);
    expect(daily.totals).toEqual({ clicks: 3, uniques: 2, bots: 1 });
    const hourly = body.series;
    expect(hourly).toHaveLength(48);
    expect(hourly[14]).toEqual({ t: '2026-03-02T14:00:00+05:30', clicks: 2, uniques: 1 }); // 09:10Z, 09:20Z
    expect(hourly[24]).toEqual({ t: '2026-03-03T00:00:00+05:30', clicks: 1, uniques: 1 }); // 18:40Z
  });

  it('cuts days at local midnight in a quarter-hour zone (Asia/Kathmandu, +5:45)', async () => {
    // Click 6 at 18:29Z is 00:14 on 03-07 in Kathmandu; click 5 (16:05Z) is 21:50 on 03-06.
    const body = await stats('from=2026-03-06&to=2026-03-08&tz=Asia/Kathmandu&interval=day');
    expect(clicksOf(body)).toEqual([1, 2]);
    expect(body.series[1].t).toBe('2026-03-07T00:00:00+05:45');
    const edge = await stats('from=2026-03-06T23:45&to=2026-03-07T00:30&tz=Asia/Kathmandu');
    expect(edge.totals.clicks).toBe(1);
  });

  it('follows daylight saving time: the spring-forward day has 23 hours', async () => {
    const body = await stats('from=2026-03-08&to=2026-03-09&tz=America/New_York&interval=hour');
    expect(body.series).toHaveLength(23);
    expect(body.series.slice(1, 3).map((p: any) => p.t)).toEqual([
      '2026-03-08T01:00:00-05:00',
      '2026-03-08T03:00:00-04:00',
    ]);
    expect(body.series[7]).toEqual({ t: '2026-03-08T08:00:00-04:00', clicks: 1, uniques: 1 }); // click 8, 12:00Z
    const daily = await stats('from=2026-03-07&to=2026-03-10&tz=America/New_York&interval=day');
    expect(daily.series.map((p: any) => [p.t, p.clicks])).toEqual([
      ['2026-03-07T00:00:00-05:00', 0],
      ['2026-03-08T00:00:00-05:00', 1],
      ['2026-03-09T00:00:00-04:00', 0],
    ]);
  });

  it('counts exactly from a date-time that is not on a day or an hour', async () => {
    // Click 2 is in, but its visitor's unique was click 1 at 09:10, before the range.
    expect((await stats('from=2026-03-02T09:15:00Z&to=2026-03-06T18:30:00Z')).totals).toEqual({
      clicks: 6,
      uniques: 5,
      bots: 1,
    });
    const body = await stats('from=2026-03-02T09:15:00Z&to=2026-03-06T18:30:00Z&interval=day');
    expect(body.series[0]).toEqual({ t: '2026-03-02T00:00:00+00:00', clicks: 2, uniques: 1 });
  });

  it('groups weeks from Monday and months by the calendar', async () => {
    const weeks = await stats('from=2026-03-01&to=2026-03-10&interval=week');
    expect(weeks.series).toEqual([
      { t: '2026-02-23T00:00:00+00:00', clicks: 0, uniques: 0 },
      { t: '2026-03-02T00:00:00+00:00', clicks: 9, uniques: 8 },
      { t: '2026-03-09T00:00:00+00:00', clicks: 0, uniques: 0 },
    ]);
    const months = await stats('from=2026-01-01&to=2026-04-01&interval=month&tz=Europe/Paris');
    expect(months.series.map((p: any) => [p.t, p.clicks])).toEqual([
      ['2026-01-01T00:00:00+01:00', 0],
      ['2026-02-01T00:00:00+01:00', 0],
      ['2026-03-01T00:00:00+01:00', 9],
    ]);
  });

  it('defaults to the last 30 days up to the end of today', async () => {
    const body = await stats('');
    expect(body.range).toEqual({
      from: '2026-02-09T00:00:00+00:00',
      to: '2026-03-11T00:00:00+00:00',
      tz: 'UTC',
      interval: 'day',
    });
    expect(body.series).toHaveLength(30);
    expect(body.totals.clicks).toBe(9);
  });

  it.each([
    ['tz=Mars/Olympus', 'tz'],
    ['from=2026-02-30', 'from'],
    ['from=yesterday', 'from'],
    ['from=2026-03-05&to=2026-03-01', 'to'],
    ['interval=hour&from=2026-01-01&to=2026-03-01', 'interval'],
    ['interval=fortnight', 'interval'],
    ['bots=maybe', 'bots'],
    ['device=toaster', 'device'],
    ['country=FRA', 'country'],
    ['network=myspace', 'network'],
    ['limit=0', 'limit'],
    ['tz=UTC&tz=Europe/Paris', 'tz'],
  ])('refuses %s with 400 naming the field', async (query, field) => {
    const res = await t.get(`/api/stats?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.message).toMatch(new RegExp(`^${field}(\\.\\d+)?:`));
  });
});
