/**
 * A campaign-limited key against every read path: its campaigns' posts, stats, exports and
 * the compatible APIs' answers are exactly what an unlimited key sees for those campaigns,
 * and nothing of other campaigns (or of posts without one) shows anywhere, totals included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/services/index.js';
import { makeStatsApp, recordScenario, visit, type StatsTestApp } from './statsFixture.js';

let t: StatsTestApp;
let limited: string;
let loose: number;

beforeAll(async () => {
  t = await makeStatsApp();
  await recordScenario(t);
  loose = await t.post({
    url: 'https://example.com/loose',
    slug: 'no-campaign',
    network: 'x',
    postedAt: '2026-03-05T10:00:00Z',
  });
  await t.record([visit(loose, '2026-03-05T10:05:00Z', { address: '203.0.113.9' })]);
  limited = (
    await createApiKey(t.deps, {
      name: 'Autumn client',
      scopes: ['links:read', 'links:write', 'analytics:read', 'export'],
      campaigns: ['Autumn'],
    })
  ).key;
});
afterAll(() => t.close());

const OTHERS = ['Spring', 'li-launch', 'x-launch', 'li-followup', 'no-campaign'];

function as(key: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return t.app.request(path, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const adminKey = () => t.key;

async function text(key: string, path: string, headers: Record<string, string> = {}) {
  const res = await as(key, 'GET', path, undefined, headers);
  return { status: res.status, text: await res.text() };
}

const expectNoOthers = (body: string) => {
  for (const other of OTHERS) expect(body).not.toContain(other);
};

const RANGE = 'from=2026-03-01&to=2026-03-11';

describe('a key limited to one campaign', () => {
  it.each([
    '/api/stats',
    '/api/stats?breakdown=campaign',
    '/api/stats?interval=hour',
    '/api/stats?source=linkedin',
    '/api/stats?bots=include',
    '/api/stats/heatmap',
    '/api/stats/lifetime',
    '/api/insights',
    '/api/stats/compare?by=campaign',
    '/api/stats/compare?by=network',
  ])('reads %s as an unlimited key reads it for its campaign', async (path) => {
    const sep = path.includes('?') ? '&' : '?';
    const mine = await text(limited, `${path}${sep}${RANGE}`);
    const admin = await text(adminKey(), `${path}${sep}${RANGE}&campaign=Autumn`);
    expect(mine.status).toBe(200);
    // Insights word what was asked: the admin asked for "Autumn", the limited key for everything it has.
    const asked =
      path === '/api/insights'
        ? admin.text
            .replaceAll(' in Autumn', '')
            .replaceAll(':Autumn"', ':*"')
            .replaceAll('"campaign":"Autumn"', '"campaign":null')
        : admin.text;
    expect(JSON.parse(mine.text)).toEqual(JSON.parse(asked));
    expectNoOthers(mine.text);
  });

  it('counts only its campaign in totals, and nothing when it asks for another', async () => {
    const mine = JSON.parse((await text(limited, `/api/stats?${RANGE}`)).text);
    const all = JSON.parse((await text(adminKey(), `/api/stats?${RANGE}`)).text);
    expect(mine.totals.clicks).toBe(1);
    expect(all.totals.clicks).toBeGreaterThan(mine.totals.clicks);
    for (const q of ['campaign=Spring', 'slug=li-launch', 'slug=no-campaign', 'network=linkedin']) {
      const other = JSON.parse((await text(limited, `/api/stats?${RANGE}&${q}`)).text);
      expect(other.totals.clicks, q).toBe(0);
    }
  });

  it('lists only its campaigns', async () => {
    const mine = JSON.parse((await text(limited, '/api/campaigns')).text);
    expect(mine.campaigns.map((c: { campaign: string }) => c.campaign)).toEqual(['Autumn']);
    const admin = JSON.parse((await text(adminKey(), '/api/campaigns')).text);
    expect(mine.campaigns[0]).toEqual(admin.campaigns.find((c: { campaign: string }) => c.campaign === 'Autumn'));
  });

  it('sees only its posts and clicks, and other posts do not exist (404)', async () => {
    const links = JSON.parse((await text(limited, '/api/links')).text);
    expect(links.links.map((l: { slug: string }) => l.slug)).toEqual(['fb-other']);
    expectNoOthers(JSON.stringify(links));
    expect(JSON.parse((await text(limited, '/api/links?q=launch')).text).links).toEqual([]);
    const clicks = JSON.parse((await text(limited, '/api/clicks')).text);
    expect(clicks.clicks.map((c: { slug: string }) => c.slug)).toEqual(['fb-other']);
    expect(JSON.parse((await text(limited, '/api/clicks?slug=li-launch')).text).clicks).toEqual([]);
    for (const slug of ['li-launch', 'no-campaign']) {
      expect((await as(limited, 'GET', `/api/links/${slug}`)).status).toBe(404);
      expect((await as(limited, 'GET', `/api/links/${slug}/qr.svg`)).status).toBe(404);
      expect((await as(limited, 'PATCH', `/api/links/${slug}`, { title: 'mine now' })).status).toBe(404);
      expect((await as(limited, 'DELETE', `/api/links/${slug}`)).status).toBe(404);
    }
    expect((await as(adminKey(), 'GET', '/api/links/li-launch')).status).toBe(200);
    expect((await as(limited, 'GET', '/api/links/fb-other')).status).toBe(200);
  });

  it('exports only its campaign as CSV', async () => {
    const clicks = await text(limited, '/api/clicks.csv');
    expect(clicks.status).toBe(200);
    const rows = clicks.text.trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('fb-other');
    expectNoOthers(clicks.text);
    expect((await text(limited, '/api/clicks.csv?campaign=Spring')).text.trim().split('\n')).toHaveLength(1);
    const stats = await text(limited, `/api/stats.csv?${RANGE}`);
    expect(stats.status).toBe(200);
    expect(stats.text).toContain('fb-other');
    expectNoOthers(stats.text);
    const admin = await text(adminKey(), `/api/stats.csv?${RANGE}&campaign=Autumn`);
    expect(stats.text).toBe(admin.text);
  });

  it('creates and moves links only into its campaigns', async () => {
    expect((await as(limited, 'POST', '/api/links', { url: 'https://example.com/n', campaign: 'Spring' })).status).toBe(
      403,
    );
    const none = await as(limited, 'POST', '/api/links', { url: 'https://example.com/n' });
    expect(none.status).toBe(403);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('forbidden_scope');
    for (const dryRun of ['true', 'false']) {
      const bulk = await as(limited, 'POST', `/api/links/bulk?dryRun=${dryRun}`, {
        links: [
          { url: 'https://example.com/a', campaign: 'Autumn' },
          { url: 'https://example.com/b', campaign: 'Spring' },
          { url: 'https://example.com/c' },
        ],
      });
      expect(bulk.status).toBe(403);
      const error = ((await bulk.json()) as any).error;
      expect(error.code).toBe('forbidden_scope');
      expect(error.details.rows.map((r: { index: number }) => r.index)).toEqual([1, 2]);
    }
    expect(
      (
        await as(limited, 'POST', '/api/links/bulk?dryRun=true', {
          links: [{ url: 'https://example.com/a', campaign: 'Autumn' }],
        })
      ).status,
    ).toBe(200);
    const made = await as(limited, 'POST', '/api/links', {
      url: 'https://example.com/n',
      slug: 'autumn-2',
      campaign: 'Autumn',
    });
    expect(made.status).toBe(201);
    expect((await as(limited, 'PATCH', '/api/links/autumn-2', { campaign: 'Spring' })).status).toBe(403);
    expect((await as(limited, 'PATCH', '/api/links/autumn-2', { campaign: null })).status).toBe(403);
    expect((await as(limited, 'PATCH', '/api/links/autumn-2', { title: 'Still autumn' })).status).toBe(200);
    expect((await as(adminKey(), 'GET', '/api/links/autumn-2')).status).toBe(200);
    expect((await as(limited, 'DELETE', '/api/links/autumn-2')).status).toBe(204);
    expect(((await (await as(adminKey(), 'GET', '/api/links/li-launch')).json()) as { title: string }).title).toBe(
      'Launch on LinkedIn',
    );
  });

  it('sees only its campaign through the Dub, Shlink, Kutt and YOURLS APIs', async () => {
    const dub = await text(limited, '/compat/dub/links');
    expect(JSON.parse(dub.text).map((l: { key: string }) => l.key)).toEqual(['fb-other']);
    expect((await text(limited, '/compat/dub/links/count')).text).toBe('1');
    expect((await as(limited, 'GET', '/compat/dub/links/info?key=li-launch')).status).toBe(404);
    const analytics = JSON.parse((await text(limited, '/compat/dub/analytics?interval=all')).text);
    const adminAnalytics = JSON.parse((await text(adminKey(), '/compat/dub/analytics?interval=all')).text);
    expect(analytics).not.toEqual(adminAnalytics);
    expectNoOthers(JSON.stringify(analytics));

    const shlink = JSON.parse(
      (await text(limited, '/compat/shlink/rest/v3/short-urls', { 'x-api-key': limited })).text,
    );
    expect(shlink.shortUrls.data.map((l: { shortCode: string }) => l.shortCode)).toEqual(['fb-other']);
    expect(
      (await as(null, 'GET', '/compat/shlink/rest/v3/short-urls/li-launch/visits', undefined, { 'x-api-key': limited }))
        .status,
    ).toBe(404);
    const visits = JSON.parse(
      (await text(limited, '/compat/shlink/rest/v3/short-urls/fb-other/visits', { 'x-api-key': limited })).text,
    );
    expect(visits.visits.data).toHaveLength(1);

    const kutt = JSON.parse((await text(limited, '/compat/kutt/api/v2/links', { 'x-api-key': limited })).text);
    expect(kutt.data.map((l: { address: string }) => l.address)).toEqual(['fb-other']);
    expect(kutt.total).toBe(1);
    expect(
      (await as(null, 'GET', '/compat/kutt/api/v2/links/li-launch/stats', undefined, { 'x-api-key': limited })).status,
    ).toBe(404);

    const db = JSON.parse(
      (await text(limited, `/yourls-api.php?action=db-stats&format=json&signature=${limited}`)).text,
    );
    expect(db['db-stats']).toEqual({ total_links: 1, total_clicks: 1 });
    const stats = await text(limited, `/yourls-api.php?action=stats&filter=top&format=json&signature=${limited}`);
    expectNoOthers(stats.text);
    const expand = JSON.parse(
      (await text(limited, `/yourls-api.php?action=expand&shorturl=li-launch&format=json&signature=${limited}`)).text,
    );
    expect(expand.message).toMatch(/not found/);
    const shorten = JSON.parse(
      (
        await text(
          limited,
          `/yourls-api.php?action=shorturl&url=https%3A%2F%2Fexample.com%2Fy&format=json&signature=${limited}`,
        )
      ).text,
    );
    expect(shorten.code).toBe('forbidden_scope');
  });
});
