import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StatsLink, StatsStore } from '../../src/domain/index.js';
import { STATS_CSV_COLUMNS } from '../../src/services/exportStats.js';
import { makeTestApp, type TestApp } from '../support/app.js';
import { parseCsv } from './exportFixtures.js';
import { makeStatsApp, recordScenario, SCENARIO_PLACES, visit, UA, type StatsTestApp } from './statsFixture.js';

let t: StatsTestApp;
beforeAll(async () => {
  t = await makeStatsApp(SCENARIO_PLACES);
  await recordScenario(t);
});
afterAll(() => t.close());

const report = async (query: string) => {
  const res = await t.api('GET', `/api/stats.csv?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return parseCsv(await res.text());
};
const brief = (rows: Record<string, string>[]) =>
  rows.map((r) => [r.slug, r.clicks, r.uniques, r.bots, r.top_source, r.top_country].join(' '));

// Expectations counted by hand from the scenario table in statsFixture.ts.
describe('GET /api/stats.csv', () => {
  it('answers one row per post, most clicked first, with the columns of the report', async () => {
    const res = await t.api('GET', '/api/stats.csv?from=2026-03-01&to=2026-03-10');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="linkpost-stats-all-2026-03-01-2026-03-09.csv"',
    );
    // Response.text() drops a BOM, as UTF-8 decoding does: look at the bytes.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith(`\uFEFF${STATS_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    const rows = parseCsv(text);
    expect(brief(rows)).toEqual([
      'x-launch 3 3 0 direct IN',
      'li-launch 3 2 1 linkedin FR',
      'li-followup 2 2 0 direct DE', // ties go to the first value, as in /api/stats breakdowns
      'fb-other 1 1 0 facebook US',
    ]);
    expect(rows[1]).toEqual({
      slug: 'li-launch',
      title: 'Launch on LinkedIn',
      campaign: 'Spring',
      network: 'linkedin',
      posted_at: '2026-03-02T09:00:00.000Z',
      clicks: '3',
      uniques: '2',
      bots: '1',
      top_source: 'linkedin',
      top_country: 'FR',
      h24: '3',
      h72: '3',
      d7: '3',
      half_life_hours: '0.5',
    });
  });

  it('gives each post its lifetime figures, empty while a window is still open, as /api/stats/lifetime does', async () => {
    const rows = await report('from=2026-03-01&to=2026-03-10');
    // Clock 03-10 12:00: li-followup is 6 days old, x-launch 3 days 20 h, fb-other 2 days 1 h.
    expect(rows.map((r) => [r.slug, r.h24, r.h72, r.d7, r.half_life_hours])).toEqual([
      ['x-launch', '3', '3', '', ''],
      ['li-launch', '3', '3', '3', '0.5'],
      ['li-followup', '2', '2', '', ''],
      ['fb-other', '1', '', '', ''],
    ]);
    const { posts } = (await t.get('/api/stats/lifetime?from=2026-03-01&to=2026-03-10')).body;
    for (const p of posts) {
      const row = rows.find((r) => r.slug === p.slug)!;
      expect([row.h24, row.h72, row.d7, row.half_life_hours]).toEqual(
        [p.h24, p.h72, p.d7, p.halfLifeHours].map((v) => (v === null ? '' : String(v))),
      );
    }
    // With bots counted, li-launch's first day holds its crawler hit too.
    expect((await report('from=2026-03-01&to=2026-03-10&bots=include&slug=li-launch'))[0]).toMatchObject({
      h24: '4',
      d7: '4',
    });
  });

  it('agrees with GET /api/stats for the same filters', async () => {
    const query = 'from=2026-03-01&to=2026-03-10&campaign=Spring&bots=include';
    const json = (await t.get(`/api/stats?${query}`)).body;
    const rows = await report(query);
    const sum = (k: string) => rows.reduce((n, r) => n + Number(r[k]), 0);
    expect(sum('clicks')).toBe(json.totals.clicks);
    expect(sum('uniques')).toBe(json.totals.uniques);
    expect(sum('bots')).toBe(json.totals.bots);
    expect(rows.map((r) => r.slug)).toEqual(json.breakdowns.link.map((l: { value: string }) => l.value));
  });

  it.each([
    ['campaign=Autumn', ['fb-other 1 1 0 facebook US']],
    ['slug=li-launch,fb-other&network=linkedin', ['li-launch 3 2 1 linkedin FR']],
    ['bots=only', ['li-launch 1 0 1 direct US', 'fb-other 0 0 0  ', 'li-followup 0 0 0  ', 'x-launch 0 0 0  ']],
    [
      'country=FR',
      ['li-launch 2 1 0 linkedin FR', 'li-followup 1 1 0 direct FR', 'x-launch 1 1 0 direct FR', 'fb-other 0 0 0  '],
    ],
    // From 5 March: li-launch and li-followup neither drew a click nor were posted then.
    ['from=2026-03-05', ['x-launch 3 3 0 direct IN', 'fb-other 1 1 0 facebook US']],
  ])('applies the /api/stats filters: %s', async (query, expected) => {
    const range = query.includes('from=') ? '' : 'from=2026-03-01&';
    expect(brief(await report(`${range}to=2026-03-10&${query}`))).toEqual(expected);
  });

  it('counts days in tz and names the file after the filter and those days', async () => {
    const res = await t.api(
      'GET',
      '/api/stats.csv?from=2026-03-07&to=2026-03-08&tz=America/New_York&campaign=Spring&network=x',
    );
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="linkpost-stats-spring-x-2026-03-07-2026-03-07.csv"',
    );
    // 7 March in New York is 05:00 UTC on the 7th to 05:00 on the 8th: only click 7 (03:00 UTC) is before it.
    expect(brief(parseCsv(await res.text()))).toEqual([]);
    expect(brief(await report('from=2026-03-06&to=2026-03-07&tz=America/New_York&campaign=Spring&network=x'))).toEqual([
      'x-launch 3 3 0 direct IN',
    ]);
  });

  it.each([
    ['tz=Mars/Olympus_Mons', 'tz'],
    ['from=2026-02-30', 'from'],
    ['country=France', 'country'],
    ['bots=maybe', 'bots'],
    ['network=myspace', 'network'],
  ])('refuses %s with a 400 JSON error before any CSV', async (query, field) => {
    const res = await t.api('GET', `/api/stats.csv?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(new RegExp(`^${field}`));
  });
});

describe('GET /api/stats.csv with hostile titles', () => {
  let h: StatsTestApp;
  afterEach(() => h?.close());

  it('neutralises and quotes them so a parser reads back what was stored, plus the quote', async () => {
    h = await makeStatsApp(SCENARIO_PLACES);
    const title = '=HYPERLINK("https://evil.example","win"),\nsecond line';
    const id = await h.post({
      url: 'https://example.com/h',
      slug: 'hostile',
      title,
      campaign: '+Plus, "quoted"',
      network: 'x',
    });
    await h.record([visit(id, '2026-03-09T10:00:00Z', { userAgent: UA.chromeDesktop, referrer: 'https://t.co/x' })]);
    const res = await h.api('GET', '/api/stats.csv?from=2026-03-01&to=2026-03-10');
    const [row] = parseCsv(await res.text());
    expect(row).toMatchObject({
      slug: 'hostile',
      title: `'${title}`,
      campaign: `'+Plus, "quoted"`,
      clicks: '1',
      top_source: 'x',
    });
  });
});

describe('streaming the report', () => {
  let s: TestApp;
  afterEach(() => s?.close());

  it("reads every post's top source and country in one store call, however many posts", async () => {
    // D1 caps the queries of one request: a report must not cost a query per post.
    const links: StatsLink[] = Array.from({ length: 2000 }, (_, i) => ({
      id: i + 1,
      slug: `p${String(i).padStart(4, '0')}`,
      title: null,
      campaign: null,
      network: null,
      postedAt: Date.parse('2026-03-05T00:00:00Z'),
    }));
    let reads = 0;
    const count =
      <T>(v: T) =>
      async () => {
        reads++;
        return v;
      };
    const stats: StatsStore = {
      timeline: count([]),
      dimensions: count([]),
      linkDimensions: count(
        links.flatMap((l) => [
          { linkId: l.id, dim: 'source' as const, value: l.id % 2 ? 'x' : 'linkedin', clicks: 2, uniques: 1 },
          { linkId: l.id, dim: 'source' as const, value: 'direct', clicks: 1, uniques: 1 },
          { linkId: l.id, dim: 'country' as const, value: 'FR', clicks: 3, uniques: 2 },
        ]),
      ),
      links: count(links.map((link) => ({ link, clicks: 3, uniques: 2 }))),
      linksIn: count(links),
    };
    s = await makeTestApp({ stats });
    const rows = parseCsv(await (await s.api('GET', '/api/stats.csv')).text());
    expect(rows).toHaveLength(2000);
    expect(rows[0]).toMatchObject({ slug: 'p0000', top_source: 'x', top_country: 'FR' });
    expect(rows[1]).toMatchObject({ slug: 'p0001', top_source: 'linkedin', top_country: 'FR' });
    expect(reads).toBe(4); // posts, counted, bots, tops
  });
});
