import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_CSP } from '../../src/http/reportHtml.js';
import { sha256Hex } from '../../src/services/index.js';
import { PUBLIC_URL } from '../support/app.js';
import { createReport, REPORT_FIGURES, reportGet } from '../support/reports.js';
import { makeStatsApp, recordScenario, SCENARIO_PLACES, visit, UA, type StatsTestApp } from './statsFixture.js';

let t: StatsTestApp;
const RANGE = { from: '2026-03-01', to: '2026-03-10' };
/** Everything that belongs to the other campaign (Autumn) and must never show in a Spring report. */
const AUTUMN_MARKS = [
  'Autumn',
  'fb-other',
  'au-secret',
  'Autumn Secret Plan',
  'tiktok',
  'facebook',
  'autumn-only.example',
];

beforeAll(async () => {
  t = await makeStatsApp(SCENARIO_PLACES);
  await recordScenario(t);
  // A second Autumn post with its own network, source, countries and hours, so a leak shows.
  const secret = await t.post({
    url: 'https://example.com/secret',
    slug: 'au-secret',
    title: 'Autumn Secret Plan',
    campaign: 'Autumn',
    network: 'tiktok',
    postedAt: '2026-03-05T20:00:00Z',
  });
  await t.record(
    ['20:10', '20:20', '21:05', '22:40', '23:55'].map((hm, i) =>
      visit(secret, `2026-03-05T${hm}:00Z`, {
        address: `203.0.113.${(i % 6) + 1}`,
        userAgent: UA.chromeDesktop,
        referrer: 'https://autumn-only.example/x',
      }),
    ),
  );
});
afterAll(() => t.close());

const apiJson = async (path: string) => {
  const res = await t.get(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('POST /api/reports', () => {
  it('answers 201 with an absolute /r/<token> URL whose token carries at least 128 bits and is stored only as a hash', async () => {
    const a = await createReport(t, { title: 'Spring for the client', campaign: 'Spring', ...RANGE });
    const b = await createReport(t, { title: 'Spring again', campaign: 'Spring' });
    expect(a.url.startsWith(`${PUBLIC_URL}/r/`)).toBe(true);
    // 43 characters of 62 symbols: 43 × log2(62) ≈ 256 bits.
    expect(a.token).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(43 * Math.log2(62)).toBeGreaterThan(128);
    expect(a.token).not.toBe(b.token);
    expect(a.body).toMatchObject({
      title: 'Spring for the client',
      campaign: 'Spring',
      slugs: null,
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-10T00:00:00.000Z',
      expiresAt: null,
      allowCsv: false,
      password: false,
      createdAt: '2026-03-10T12:00:00.000Z',
    });
    expect(b.body).toMatchObject({ from: null, to: null });
    const rows = t.database.sqlite.prepare('select * from reports').all() as Record<string, unknown>[];
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(a.token);
    expect(rows.map((r) => r.token_hash)).toContain(await sha256Hex(a.token));
  });

  it('lists reports without their tokens', async () => {
    const made = await createReport(t, { title: 'Listed', slugs: ['li-launch'] });
    const { reports } = await apiJson('/api/reports');
    const listed = reports.find((r: any) => r.id === made.id);
    expect(listed).toMatchObject({ title: 'Listed', campaign: null, slugs: ['li-launch'], state: 'live' });
    expect(listed.url).toBeUndefined();
    expect(JSON.stringify(reports)).not.toContain(made.token);
  });

  it.each([
    [{ title: 'x' }, 'invalid_input', 'campaign: give exactly one of campaign and slugs'],
    [
      { title: 'x', campaign: 'Spring', slugs: ['li-launch'] },
      'invalid_input',
      'campaign: give exactly one of campaign and slugs',
    ],
    [{ title: 'x', campaign: 'Winter' }, 'unknown_campaign', 'campaign: no post belongs to "Winter"'],
    [{ title: 'x', slugs: ['li-launch', 'nope'] }, 'unknown_link', 'slugs: no link with slug "nope"'],
    [{ title: 'x', slugs: Array.from({ length: 51 }, (_, i) => `s${i}`) }, 'invalid_input', 'slugs: at most 50 slugs'],
    [{ title: 'x', slugs: ['li-launch', 'li-launch'] }, 'invalid_input', 'slugs: a slug appears more than once'],
    [
      { title: 'x', campaign: 'Spring', from: '2026-03-01' },
      'invalid_input',
      'to: give both from and to, or neither for the last 30 days',
    ],
    [
      { title: 'x', campaign: 'Spring', from: '2026-03-05', to: '2026-03-01' },
      'invalid_input',
      'to: the range ends before it starts',
    ],
    [{ title: 'x', campaign: 'Spring', from: '2025-01-01', to: '2026-03-01' }, 'invalid_input', 'to: at most 366 days'],
    [
      { title: 'x', campaign: 'Spring', expiresAt: '2026-03-10T11:00:00Z' },
      'invalid_input',
      'expiresAt: must be in the future',
    ],
    [{ title: '', campaign: 'Spring' }, 'invalid_input', 'title: must not be empty'],
    [{ title: 'x', campaign: 'Spring', allowCsv: 'yes' }, 'invalid_input', undefined],
    [{ title: 'x', campaign: 'Spring', extra: 1 }, 'invalid_input', undefined],
  ])('refuses %j with 400 %s', async (body, code, message) => {
    const res = await t.api('POST', '/api/reports', body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as any;
    expect(json.error.code).toBe(code);
    if (message) expect(json.error.message).toBe(message);
  });

  it('needs the API key for every /api/reports operation', async () => {
    for (const [method, path] of [
      ['GET', '/api/reports'],
      ['POST', '/api/reports'],
      ['DELETE', '/api/reports/1'],
    ] as const) {
      expect((await t.app.request(path, { method })).status).toBe(401);
    }
  });
});

describe('a campaign report never shows another campaign', () => {
  let spring: Awaited<ReturnType<typeof createReport>>;
  beforeAll(async () => {
    spring = await createReport(t, { title: 'Spring report', campaign: 'Spring', ...RANGE, allowCsv: true });
  });
  const q = 'campaign=Spring&from=2026-03-01T00:00:00.000Z&to=2026-03-10T00:00:00.000Z&tz=Europe/Paris';

  it('counts exactly the campaign: 8 clicks and 7 uniques of 14 and 13 in all', async () => {
    const all = await apiJson('/api/stats?from=2026-03-01&to=2026-03-10');
    expect(all.totals).toEqual({ clicks: 14, uniques: 13, bots: 1 });
    const { body } = await reportGet(t, `${spring.path}/data/stats`);
    // Counted by hand from the scenario: li-launch 3 (2 uniques), x-launch 3, li-followup 2; the bot left out.
    expect(body.totals).toEqual({ clicks: 8, uniques: 7, bots: 1 });
    expect(body.breakdowns.link.map((r: any) => r.value).sort()).toEqual(['li-followup', 'li-launch', 'x-launch']);
    expect(body.breakdowns.network.map((r: any) => r.value).sort()).toEqual(['linkedin', 'x']);
    expect(Object.keys(body.breakdowns).sort()).toEqual(['country', 'device', 'link', 'network', 'qr', 'source']);
  });

  it('answers every figure exactly as the API does for that campaign and range', async () => {
    const stats = await apiJson(`/api/stats?${q}&limit=20`);
    const report = (await reportGet(t, `${spring.path}/data/stats?tz=Europe/Paris`)).body;
    expect(report.range).toEqual(stats.range);
    expect(report.totals).toEqual(stats.totals);
    expect(report.series).toEqual(stats.series);
    for (const b of ['network', 'link', 'source', 'country', 'device', 'qr'])
      expect(report.breakdowns[b]).toEqual(stats.breakdowns[b]);
    expect((await reportGet(t, `${spring.path}/data/heatmap?tz=Europe/Paris`)).body).toEqual(
      await apiJson(`/api/stats/heatmap?${q}`),
    );
    expect((await reportGet(t, `${spring.path}/data/heatmap?tz=Europe/Paris&metric=first24h`)).body).toEqual(
      await apiJson(`/api/stats/heatmap?${q}&metric=first24h`),
    );
    expect((await reportGet(t, `${spring.path}/data/lifetime?tz=Europe/Paris`)).body).toEqual(
      await apiJson(`/api/stats/lifetime?${q}`),
    );
    expect((await reportGet(t, `${spring.path}/data/insights?tz=Europe/Paris`)).body).toEqual(
      await apiJson(`/api/insights?${q}`),
    );
    expect((await reportGet(t, `${spring.path}/data/compare?tz=Europe/Paris`)).body).toEqual(
      await apiJson('/api/stats/compare?campaign=Spring&by=link&align=posted&tz=Europe/Paris'),
    );
  });

  it('ignores every filter, range or bots mode a request adds, on every figure and the CSV', async () => {
    const widen =
      'campaign=Autumn&slug=au-secret&slug=fb-other&network=tiktok&source=facebook&from=2020-01-01&to=2030-01-01&bots=include&limit=100&by=campaign';
    for (const figure of [...REPORT_FIGURES, 'csv']) {
      const path = figure === 'csv' ? `${spring.path}/report.csv` : `${spring.path}/data/${figure}`;
      const plain = await reportGet(t, path);
      const widened = await reportGet(t, `${path}?${widen}`);
      expect(plain.status, figure).toBe(200);
      expect(widened.body, figure).toEqual(plain.body);
      const text = typeof plain.body === 'string' ? plain.body : JSON.stringify(plain.body);
      for (const mark of AUTUMN_MARKS) expect(text, `${figure} shows ${mark}`).not.toContain(mark);
    }
  });

  it('keeps the other campaign out of the page itself', async () => {
    const page = await reportGet(t, spring.path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Spring report');
    expect(page.body).toContain('Campaign: Spring');
    for (const mark of AUTUMN_MARKS) expect(page.body).not.toContain(mark);
  });

  it('offers the per-post report CSV of the campaign only, as /api/stats.csv gives it, and never raw clicks', async () => {
    const csv = await t.app.request(`${spring.path}/report.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="linkpost-stats-spring-report-2026-03-01-2026-03-09.csv"',
    );
    const text = await csv.text();
    const api = await (
      await t.api('GET', '/api/stats.csv?campaign=Spring&from=2026-03-01T00:00:00.000Z&to=2026-03-10T00:00:00.000Z')
    ).text();
    expect(text).toBe(api);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'slug,title,campaign,network,posted_at,clicks,uniques,bots,top_source,top_country,h24,h72,d7,half_life_hours',
    );
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['li-followup', 'li-launch', 'x-launch']);
    for (const path of ['/clicks.csv', '/data/clicks', '/api/clicks.csv'])
      expect((await reportGet(t, `${spring.path}${path}`)).status).toBe(404);
  });

  it('has no CSV when the report does not allow it', async () => {
    const r = await createReport(t, { title: 'No CSV', campaign: 'Spring' });
    expect((await reportGet(t, `${r.path}/report.csv`)).status).toBe(404);
    expect((await reportGet(t, r.path)).body).toContain('data-csv="0"');
    expect((await reportGet(t, spring.path)).body).toContain('data-csv="1"');
  });
});

describe('a report of chosen posts', () => {
  it('shows exactly those posts, and a slug reused by a new post later does not join it', async () => {
    // Its own app: the test deletes a post.
    const own = await makeStatsApp(SCENARIO_PLACES);
    await recordScenario(own);
    const t = own;
    try {
      const r = await createReport(t, { title: 'Two posts', slugs: ['x-launch', 'fb-other'], ...RANGE });
      const before = (await reportGet(t, `${r.path}/data/stats`)).body;
      expect(before.totals).toEqual({ clicks: 4, uniques: 4, bots: 0 });
      expect(before.breakdowns.link.map((l: any) => l.value).sort()).toEqual(['fb-other', 'x-launch']);
      expect((await reportGet(t, r.path)).body).toContain('2 posts');

      expect((await t.api('DELETE', '/api/links/x-launch')).status).toBe(204);
      const again = await t.post({
        url: 'https://example.com/new',
        slug: 'x-launch',
        campaign: 'Autumn',
        network: 'x',
        postedAt: '2026-03-03T08:00:00Z',
      });
      await t.record([visit(again, '2026-03-03T08:30:00Z', { userAgent: UA.chromeDesktop })]);
      const after = (await reportGet(t, `${r.path}/data/stats`)).body;
      expect(after.totals).toEqual({ clicks: 1, uniques: 1, bots: 0 });
      expect(after.breakdowns.link.map((l: any) => l.value)).toEqual(['fb-other']);
    } finally {
      own.close();
    }
  });
});

describe('ranges', () => {
  it('rolls the last 30 days forward with the clock when the report has no range, and keeps a fixed one', async () => {
    const rolling = await createReport(t, { title: 'Rolling', campaign: 'Spring' });
    const fixed = await createReport(t, { title: 'Fixed', campaign: 'Spring', ...RANGE });
    const start = t.clock();
    try {
      let body = (await reportGet(t, `${rolling.path}/data/stats`)).body;
      expect(body.range).toMatchObject({ from: '2026-02-09T00:00:00+00:00', to: '2026-03-11T00:00:00+00:00' });
      expect(body.totals.clicks).toBe(8);
      expect((await reportGet(t, `${rolling.path}/data/summary`)).body).toMatchObject({
        rolling: true,
        campaign: 'Spring',
      });

      t.clock.set(Date.parse('2026-04-20T09:00:00Z'));
      body = (await reportGet(t, `${rolling.path}/data/stats`)).body;
      expect(body.range).toMatchObject({ from: '2026-03-22T00:00:00+00:00', to: '2026-04-21T00:00:00+00:00' });
      expect(body.totals.clicks).toBe(0);
      const fixedBody = (await reportGet(t, `${fixed.path}/data/stats`)).body;
      expect(fixedBody.range).toMatchObject({ from: '2026-03-01T00:00:00+00:00', to: '2026-03-10T00:00:00+00:00' });
      expect(fixedBody.totals.clicks).toBe(8);
      expect((await reportGet(t, `${fixed.path}/data/summary`)).body.rolling).toBe(false);
    } finally {
      t.clock.set(start);
    }
  });

  it('reads dates in the zone given at creation', async () => {
    const r = await createReport(t, {
      title: 'Paris',
      campaign: 'Spring',
      from: '2026-03-02',
      to: '2026-03-03',
      tz: 'Europe/Paris',
    });
    expect(r.body).toMatchObject({ from: '2026-03-01T23:00:00.000Z', to: '2026-03-02T23:00:00.000Z' });
    // 03-02 09:10, 09:20 and 18:40 UTC are inside; the 01:00 bot of 03-03 is outside anyway.
    expect((await reportGet(t, `${r.path}/data/stats`)).body.totals).toEqual({ clicks: 3, uniques: 2, bots: 0 });
  });

  it('widens a fixed range to whole quarter hours, as the counters keep them', async () => {
    const r = await createReport(t, {
      title: 'Odd times',
      campaign: 'Spring',
      from: '2026-03-02T09:07:00Z',
      to: '2026-03-02T09:16:00Z',
    });
    expect(r.body).toMatchObject({ from: '2026-03-02T09:00:00.000Z', to: '2026-03-02T09:30:00.000Z' });
    expect((await reportGet(t, `${r.path}/data/stats`)).body.totals).toEqual({ clicks: 2, uniques: 1, bots: 0 }); // 09:10 and 09:20
  });
});

describe('revocation and expiry', () => {
  it('answers 404 once revoked, page and data alike, and forgets it in the list', async () => {
    const r = await createReport(t, { title: 'Soon revoked', campaign: 'Spring' });
    expect((await reportGet(t, r.path)).status).toBe(200);
    expect((await t.api('DELETE', `/api/reports/${r.id}`)).status).toBe(204);
    const page = await reportGet(t, r.path);
    expect(page.status).toBe(404);
    expect(page.body).toContain('<h1>Link not found</h1>');
    expect(page.body).not.toContain('Soon revoked');
    const data = await reportGet(t, `${r.path}/data/stats`);
    expect(data.status).toBe(404);
    expect(data.body.error.code).toBe('report_not_found');
    expect((await reportGet(t, `${r.path}/report.csv`)).status).toBe(404);
    expect((await t.api('DELETE', `/api/reports/${r.id}`)).status).toBe(404);
    expect((await t.api('DELETE', '/api/reports/abc')).status).toBe(404);
    expect((await apiJson('/api/reports')).reports.some((x: any) => x.id === r.id)).toBe(false);
  });

  it('answers 404 to a token that was never issued or is malformed', async () => {
    for (const token of ['A'.repeat(43), 'short', `${'a'.repeat(42)}!`]) {
      expect((await reportGet(t, `/r/${encodeURIComponent(token)}`)).status).toBe(404);
    }
  });

  it('answers 410 from the moment it expires', async () => {
    const r = await createReport(t, { title: 'Expiring', campaign: 'Spring', expiresAt: '2026-03-10T13:00:00Z' });
    const start = t.clock();
    try {
      t.clock.set(Date.parse('2026-03-10T12:59:59Z'));
      expect((await reportGet(t, r.path)).status).toBe(200);
      t.clock.set(Date.parse('2026-03-10T13:00:00Z'));
      const page = await reportGet(t, r.path);
      expect(page.status).toBe(410);
      expect(page.body).toContain('This report has expired');
      const data = await reportGet(t, `${r.path}/data/stats`);
      expect(data.status).toBe(410);
      expect(data.body.error.code).toBe('report_expired');
      expect((await apiJson('/api/reports')).reports.find((x: any) => x.id === r.id).state).toBe('expired');
    } finally {
      t.clock.set(start);
    }
  });
});

describe('safe to share', () => {
  it('escapes the title on the page and keeps it out of the CSV file name as typed', async () => {
    const r = await createReport(t, { title: '<script>alert("x")</script> & Co', campaign: 'Spring', allowCsv: true });
    const page = (await reportGet(t, r.path)).body as string;
    expect(page).toContain('<h1>&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; Co</h1>');
    expect(page).not.toContain('<script>alert');
    const csv = await t.app.request(`${r.path}/report.csv`);
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="linkpost-stats-[a-z0-9-]+-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
  });

  it('answers a bad view parameter with a 400 naming it, never a 500', async () => {
    const r = await createReport(t, { title: 'Params', campaign: 'Spring' });
    for (const [query, field] of [
      ['tz=Mars/Base', 'tz'],
      ['metric=nope', 'metric'],
      ['hours=0', 'hours'],
      ['interval=year', 'interval'],
    ] as const) {
      const figure = field === 'metric' ? 'heatmap' : field === 'hours' ? 'compare' : 'stats';
      const res = await reportGet(t, `${r.path}/data/${figure}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.message.startsWith(`${field}:`), res.body.error.message).toBe(true);
    }
    expect((await reportGet(t, `${r.path}/data/nothing`)).status).toBe(404);
  });

  it('sends noindex, no referrer, the strict CSP and no-store on the page, its data and its error pages', async () => {
    const r = await createReport(t, { title: 'Headers', campaign: 'Spring' });
    for (const path of [r.path, `${r.path}/data/stats`, `/r/${'B'.repeat(43)}`]) {
      const res = await t.app.request(path);
      expect(res.headers.get('x-robots-tag'), path).toBe('noindex, nofollow, noarchive');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(res.headers.get('content-security-policy'), path).toMatch(/default-src 'none'/);
      expect(res.headers.get('content-security-policy'), path).not.toMatch(/unsafe-eval|https:|\*/);
    }
    const page = await t.app.request(r.path);
    expect(page.headers.get('content-security-policy')).toBe(REPORT_CSP);
    expect(REPORT_CSP).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).toContain('<meta name="robots" content="noindex, nofollow, noarchive">');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    // Every script and style comes from this server: no absolute URL anywhere in the page.
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(html).not.toMatch(/<script>|<style>| style="/);
  });
});
