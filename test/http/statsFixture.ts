import { createClickReader } from '../../src/db/clickReader.js';
import { createClickWriter } from '../../src/db/index.js';
import { createNodeSaltStore } from '../../src/node/saltFiles.js';
import { counterStatements } from '../../src/db/counterUpserts.js';
import { createStatsStore } from '../../src/db/statsStore.js';
import { createTimingStore } from '../../src/db/timingStore.js';
import { createReportStore } from '../../src/db/reportStore.js';
import type { Location, Visit } from '../../src/domain/index.js';
import { createSqliteClickWriter } from '../../src/node/clicks/write.js';
import { countedAtOnce, createClickCounting } from '../../src/node/clicks/count.js';
import { recordClicks, type RecordDeps } from '../../src/services/recordClicks.js';
import { cachedUserAgents } from '../../src/services/userAgent.js';
import { createVisitorKeys } from '../../src/services/visitorKey.js';
import { makeTestApp, type testClock, type TestApp } from '../support/app.js';
import type { AppDeps } from '../../src/http/app.js';
import { fakeGeo, UA } from '../support/capture.js';

export { UA };

export const BOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

export interface StatsTestApp extends TestApp {
  capture: RecordDeps;
  /** Creates a post through the API; returns its id. */
  post(body: Record<string, unknown>): Promise<number>;
  /** Records visits through recordClicks and the real click store with its counters. */
  record(visits: Visit[]): Promise<void>;
  /** GET an API path and return status and JSON. */
  get(path: string): Promise<{ status: number; body: any }>;
}

/** A visit as the redirect would capture it; the address picks a place from the fake geo. */
export function visit(linkId: number, at: string, over: Partial<Visit> = {}): Visit {
  return {
    linkId,
    at: Date.parse(at),
    address: '203.0.113.1',
    userAgent: '',
    referrer: '',
    utmSource: null,
    qr: false,
    prefetch: false,
    ...over,
  };
}

/**
 * The real app with the analytics routes, on a real SQLite file, with click capture through
 * the Node click store ('node') or the shared drizzle one ('shared') and their counters.
 */
export async function makeStatsApp(
  places: Record<string, Location> = {},
  writer: 'node' | 'shared' = 'node',
  extra: (clock: ReturnType<typeof testClock>) => Partial<AppDeps> = () => ({}),
): Promise<StatsTestApp> {
  let capture!: RecordDeps;
  const t = await makeTestApp((database, clock) => {
    const clicks =
      writer === 'node'
        ? countedAtOnce(createSqliteClickWriter(database), createClickCounting(database))
        : createClickWriter(database.db, database.batch, {
            extraStatements: counterStatements(database.db),
          });
    capture = {
      clicks,
      geo: fakeGeo(places),
      describeUserAgent: cachedUserAgents(),
      visitorKey: createVisitorKeys(createNodeSaltStore(database)),
    };
    return {
      clicks: createClickReader(database.db),
      stats: createStatsStore(database.db),
      timing: createTimingStore(database.db),
      reports: createReportStore(database.db),
      ...extra(clock),
    };
  });
  return Object.assign(t, {
    capture,
    async post(body: Record<string, unknown>) {
      const res = await t.api('POST', '/api/links', body);
      if (res.status !== 201) throw new Error(`link not created: ${await res.text()}`);
      return ((await res.json()) as { id: number }).id;
    },
    async record(visits: Visit[]) {
      await recordClicks(capture, visits);
    },
    async get(path: string) {
      const res = await t.api('GET', path);
      return { status: res.status, body: await res.json() };
    },
  });
}

const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';
export const SCENARIO_PLACES = {
  '203.0.113.1': { country: 'FR', region: 'IDF', city: 'Paris' },
  '203.0.113.2': { country: 'US', region: 'NY', city: 'New York' },
  '203.0.113.3': { country: 'US', region: 'CA', city: 'Mountain View' },
  '203.0.113.4': { country: 'IN', region: 'MH', city: 'Mumbai' },
  '203.0.113.5': { country: 'IN', region: 'DL', city: 'Delhi' },
  '203.0.113.6': { country: 'DE', region: 'BE', city: 'Berlin' },
};
const A = '203.0.113.1';
const B = '203.0.113.2';

/**
 * Ten clicks, the stats and compare tests count their expectations by hand from this table (clock: 2026-03-10T12:00Z).
 *  #  link         at (UTC)           who            referrer       source    place
 *  1  li-launch    03-02 09:10        A iPhone       lnkd.in        linkedin  Paris FR   unique
 *  2  li-launch    03-02 09:20        A iPhone       lnkd.in        linkedin  Paris FR   (same visitor, same day)
 *  3  li-launch    03-02 18:40        B Windows      google.com     google    New York US unique
 *  4  li-launch    03-03 01:00        Googlebot      -              direct    Mountain View US  BOT
 *  5  x-launch     03-06 16:05        Android        t.co           x         Mumbai IN  unique
 *  6  x-launch     03-06 18:29        Android        -              direct    Delhi IN   unique
 *  7  x-launch     03-07 03:00        A iPhone       -              direct    Paris FR   unique
 *  8  fb-other     03-08 12:00        B Windows      facebook.com   facebook  New York US unique
 *  9  li-followup  03-04 10:40        Windows        lnkd.in        linkedin  Berlin DE  unique
 * 10  li-followup  03-04 12:35        A iPhone       -              direct    Paris FR   unique
 */
export async function recordScenario(t: StatsTestApp) {
  const li = await t.post({
    url: 'https://example.com/launch',
    slug: 'li-launch',
    title: 'Launch on LinkedIn',
    campaign: 'Spring',
    network: 'linkedin',
    postedAt: '2026-03-02T09:00:00Z',
  });
  const x = await t.post({
    url: 'https://example.com/launch',
    slug: 'x-launch',
    campaign: 'Spring',
    network: 'x',
    postedAt: '2026-03-06T16:00:00Z',
  });
  const fb = await t.post({
    url: 'https://example.com/other',
    slug: 'fb-other',
    campaign: 'Autumn',
    network: 'facebook',
    postedAt: '2026-03-08T11:00:00Z',
  });
  const follow = await t.post({
    url: 'https://example.com/more',
    slug: 'li-followup',
    campaign: 'Spring',
    network: 'linkedin',
    postedAt: '2026-03-04T10:30:00Z',
  });
  await t.record([
    visit(li, '2026-03-02T09:10:00Z', { address: A, userAgent: UA.safariIphone, referrer: 'https://lnkd.in/abc' }),
    visit(li, '2026-03-02T09:20:00Z', { address: A, userAgent: UA.safariIphone, referrer: 'https://lnkd.in/abc' }),
    visit(li, '2026-03-02T18:40:00Z', { address: B, userAgent: UA.chromeDesktop, referrer: 'https://www.google.com/' }),
    visit(li, '2026-03-03T01:00:00Z', { address: '203.0.113.3', userAgent: BOT_UA }),
  ]);
  await t.record([
    visit(x, '2026-03-06T16:05:00Z', { address: '203.0.113.4', userAgent: ANDROID, referrer: 'https://t.co/xyz' }),
    visit(x, '2026-03-06T18:29:00Z', { address: '203.0.113.5', userAgent: ANDROID }),
    visit(x, '2026-03-07T03:00:00Z', { address: A, userAgent: UA.safariIphone }),
    visit(fb, '2026-03-08T12:00:00Z', {
      address: B,
      userAgent: UA.chromeDesktop,
      referrer: 'https://www.facebook.com/',
    }),
    visit(follow, '2026-03-04T10:40:00Z', {
      address: '203.0.113.6',
      userAgent: UA.chromeDesktop,
      referrer: 'https://lnkd.in/def',
    }),
    visit(follow, '2026-03-04T12:35:00Z', { address: A, userAgent: UA.safariIphone }),
  ]);
}
