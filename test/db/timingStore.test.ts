/**
 * The timing store on both drivers (better-sqlite3 and a local D1), checked against plain SQL
 * over the raw clicks, with week hours placed by Intl alone (no ZoneView): zones with DST in
 * both directions, half-hour and 45-minute offsets, and a 30-minute DST shift.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkStore, createTimingStore, type Database } from '../../src/db/index.js';
import {
  zoneView,
  type BotMode,
  type Click,
  type ClickWriter,
  type NewLink,
  type StatsScope,
} from '../../src/domain/index.js';
import { createNodeRecordDeps } from '../../src/node/clicks/recordDeps.js';
import { countedAtOnce } from '../../src/node/clicks/count.js';
import { openDatabase } from '../../src/node/sqlite.js';
import { createD1ClickWriter } from '../../src/worker/recordDeps.js';
import { openD1 } from '../../src/worker/d1.js';
import { tempDir } from '../support/app.js';
import { prng } from '../support/random.js';
import { openLocalD1 } from '../support/worker.js';

interface Driver {
  db: Database;
  clicks: ClickWriter;
  close(): Promise<void>;
}

const drivers: { name: string; open(): Promise<Driver> }[] = [
  {
    name: 'better-sqlite3',
    async open() {
      const dir = tempDir('linkpost-timing-');
      const database = openDatabase(join(dir, 'timing.db'));
      const capture = createNodeRecordDeps(database);
      return {
        db: database.db,
        clicks: countedAtOnce(capture.clicks, capture.counting),
        async close() {
          database.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'D1 (local)',
    async open() {
      const local = await openLocalD1();
      const d1 = openD1(local.binding as Parameters<typeof openD1>[0]);
      return { db: d1.db, clicks: createD1ClickWriter(d1), close: local.close };
    },
  },
];

const HOUR = 3_600_000;
const QUARTER = 900_000;
const START = Date.parse('2026-03-01T00:00:00Z');
const END = Date.parse('2026-04-12T00:00:00Z');
const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
];

const POSTS: Array<Partial<NewLink> & { slug: string }> = [
  { slug: 'li-a', network: 'linkedin', campaign: 'A', postedAt: Date.parse('2026-03-03T09:07:00Z') },
  { slug: 'x-a', network: 'x', campaign: 'A', postedAt: Date.parse('2026-03-07T17:45:00Z') },
  { slug: 'li-b', network: 'linkedin', campaign: 'B', postedAt: Date.parse('2026-03-28T23:52:00Z') },
  { slug: 'fb-b', network: 'facebook', campaign: 'B', postedAt: Date.parse('2026-04-04T15:30:00Z') },
  {
    slug: 'ig-none',
    network: 'instagram',
    campaign: null,
    postedAt: null,
    createdAt: Date.parse('2026-03-14T12:13:00Z'),
  },
];
const SOURCES = ['linkedin', 'x', 'direct', 'google'];
const COUNTRIES = ['FR', 'NP', 'US', null];
const DEVICES = ['mobile', 'desktop', 'tablet'] as const;

const formats = new Map<string, Intl.DateTimeFormat>();
/** Week hour of an instant by Intl alone: Monday 0. */
function intlWeekHour(tz: string, ms: number): number {
  let f = formats.get(tz);
  if (!f)
    formats.set(
      tz,
      (f = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', hour: 'numeric', hourCycle: 'h23' })),
    );
  const parts = f.formatToParts(ms);
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.find((p) => p.type === 'weekday')!.value);
  return day * 24 + Number(parts.find((p) => p.type === 'hour')!.value);
}

interface RawClick {
  referrer_host: string | null;
  link_id: number;
  clicked_at: number;
  bot: number;
  first_of_day: number;
  slug: string;
  campaign: string | null;
  network: string | null;
  source: string;
  country: string | null;
  device: string;
  posted: number;
}

describe.each(drivers)('timing store on $name', ({ open }) => {
  let d: Driver;
  let raw: RawClick[] = [];
  beforeAll(async () => {
    d = await open();
    const links = createLinkStore(d.db);
    const ids: number[] = [];
    for (const p of POSTS) {
      const created = p.createdAt ?? p.postedAt! - 2 * HOUR;
      ids.push(
        (
          await links.insert({
            url: `https://example.com/${p.slug}`,
            destination: `https://example.com/${p.slug}`,
            title: null,
            utm: {},
            updatedAt: created,
            disabled: false,
            expiresAt: null,
            maxClicks: null,
            network: null,
            campaign: null,
            postedAt: null,
            ...p,
            createdAt: created,
          })
        ).id,
      );
    }
    const rnd = prng(15);
    const clicks: Click[] = [];
    for (let i = 0; i < 1600; i++) {
      const k = Math.floor(rnd() * POSTS.length);
      const posted = POSTS[k]!.postedAt ?? POSTS[k]!.createdAt!;
      // Most clicks in the days after the post, some before it (a wrong posted time), some weeks later.
      const r = rnd();
      const at = Math.floor(
        r < 0.1
          ? posted - rnd() * 3 * 24 * HOUR
          : r < 0.8
            ? posted + rnd() * 30 * HOUR
            : posted + rnd() * 20 * 24 * HOUR,
      );
      if (at < START || at >= END) continue;
      clicks.push({
        ...(rnd() < 0.5
          ? { referrer: null, referrerHost: null }
          : { referrer: 'https://lnkd.in/x', referrerHost: 'lnkd.in' }),
        linkId: ids[k]!,
        clickedAt: at,
        source: SOURCES[Math.floor(rnd() * SOURCES.length)]!,
        device: DEVICES[Math.floor(rnd() * DEVICES.length)]!,
        os: null,
        browser: null,
        country: COUNTRIES[Math.floor(rnd() * COUNTRIES.length)]!,
        region: null,
        city: null,
        bot: rnd() < 0.15,
        visitor: `v${Math.floor(rnd() * 40)}`.padEnd(32, '0'),
        qr: false,
        userAgent: null,
        firstOfDay: false,
      });
    }
    clicks.sort((a, b) => a.clickedAt - b.clickedAt);
    for (let i = 0; i < clicks.length; i += 200) await d.clicks.insertBatch(clicks.slice(i, i + 200));
    raw = await d.db.all<RawClick>(sql`
      SELECT c.referrer_host, c.link_id, c.clicked_at, c.bot, c.first_of_day, c.source, c.country, c.device, l.slug, l.campaign, l.network,
             coalesce(l.posted_at, l.created_at) AS posted
      FROM clicks c JOIN links l ON l.id = c.link_id`);
    expect(raw.length).toBeGreaterThan(1400);
  }, 300_000); // wrangler's local D1 starts slowly on a busy machine
  afterAll(() => d?.close());

  const inScope = (scope: StatsScope, bots: BotMode) => (c: RawClick) =>
    (bots === 'include' || Boolean(c.bot) === (bots === 'only')) &&
    (!scope.campaigns || scope.campaigns.includes(c.campaign!)) &&
    (!scope.networks || scope.networks.includes(c.network as never)) &&
    (!scope.sources || scope.sources.includes(c.source)) &&
    (!scope.countries || scope.countries.includes(c.country!)) &&
    (!scope.devices || scope.devices.includes(c.device as never));

  const SCOPES: Array<[string, StatsScope, BotMode]> = [
    ['everything', {}, 'exclude'],
    ['campaign A with bots', { campaigns: ['A'] }, 'include'],
    ['bots only on linkedin', { networks: ['linkedin'] }, 'only'],
    ['source and country filters', { sources: ['linkedin', 'direct'], countries: ['NP', 'FR'] }, 'exclude'],
    ['a device filter', { devices: ['mobile'] }, 'include'],
    ['one filter of two values, bots only', { countries: ['US', 'FR'] }, 'only'],
  ];

  describe.each(ZONES)('in %s', (tz) => {
    it.each(SCOPES)(
      'buckets clicks by local weekday and hour as Intl places each raw click: %s',
      async (_, scope, bots) => {
        // Edges on odd quarter hours, across the DST changes of March and early April.
        const from = Date.parse('2026-03-02T03:15:00Z');
        const to = Date.parse('2026-04-09T20:45:00Z');
        const got = await createTimingStore(d.db).weekHours(
          scope,
          from,
          to,
          bots,
          zoneView(tz, from, to).offsets(from, to),
        );
        const want = new Map<number, { clicks: number; uniques: number; posts: Set<number> }>();
        for (const c of raw.filter((c) => c.clicked_at >= from && c.clicked_at < to).filter(inScope(scope, bots))) {
          const wh = intlWeekHour(tz, c.clicked_at);
          const cell = want.get(wh) ?? { clicks: 0, uniques: 0, posts: new Set<number>() };
          cell.clicks++;
          cell.uniques += c.first_of_day && !c.bot ? 1 : 0;
          cell.posts.add(c.link_id);
          want.set(wh, cell);
        }
        const expected = [...want].map(([weekHour, c]) => ({
          weekHour,
          clicks: c.clicks,
          uniques: c.uniques,
          posts: c.posts.size,
        }));
        const byHour = (a: { weekHour: number }, b: { weekHour: number }) => a.weekHour - b.weekHour;
        expect(expected.length).toBeGreaterThan(20);
        expect([...got].sort(byHour)).toEqual(expected.sort(byHour));
      },
    );
  });

  /** Raw clicks of the scope's posts posted in `posted`, per post and quarter hour since its posting quarter hour. */
  const clocked = (
    scope: StatsScope,
    bots: BotMode,
    posted: { from: number; to: number } | null,
    quarters: { from: number; to: number },
  ) => {
    const want = new Map<number, Map<number, { clicks: number; uniques: number }>>();
    for (const c of raw.filter(inScope(scope, bots))) {
      if (posted && (c.posted < posted.from || c.posted >= posted.to)) continue;
      const k = Math.floor(c.clicked_at / QUARTER) - Math.floor(c.posted / QUARTER);
      if (k < quarters.from || k >= quarters.to) continue;
      const post = want.get(c.link_id) ?? new Map<number, { clicks: number; uniques: number }>();
      const cell = post.get(k) ?? { clicks: 0, uniques: 0 };
      cell.clicks++;
      cell.uniques += c.first_of_day && !c.bot ? 1 : 0;
      post.set(k, cell);
      want.set(c.link_id, post);
    }
    return want;
  };
  const POSTED = { from: Date.parse('2026-03-03T00:00:00Z'), to: Date.parse('2026-04-05T00:00:00Z') };
  const byLink = (a: { linkId: number }, b: { linkId: number }) => a.linkId - b.linkId;

  it.each(SCOPES)(
    "counts each post's clicks per quarter hour since its posting quarter hour, before and after: %s",
    async (_, scope, bots) => {
      const got = await createTimingStore(d.db).postQuarters(scope, POSTED, { from: -96, to: 96 * 7 }, bots);
      const want = [...clocked(scope, bots, POSTED, { from: -96, to: 96 * 7 })].map(([linkId, post]) => ({
        linkId,
        clicks: new Map([...post].map(([k, c]) => [k, c.clicks])),
      }));
      expect(want.length).toBeGreaterThan(1);
      expect(want.some((p) => [...p.clicks.keys()].some((k) => k < 0))).toBe(true);
      expect([...got].sort(byLink)).toEqual(want.sort(byLink));
    },
  );

  it.each(SCOPES)("sums each post's clicks and uniques over its first day: %s", async (_, scope, bots) => {
    const got = await createTimingStore(d.db).postTotals(scope, POSTED, { from: 0, to: 96 }, bots);
    const want = [...clocked(scope, bots, POSTED, { from: 0, to: 96 })].map(([linkId, post]) => ({
      linkId,
      clicks: [...post.values()].reduce((n, c) => n + c.clicks, 0),
      uniques: [...post.values()].reduce((n, c) => n + c.uniques, 0),
    }));
    expect(want.length).toBeGreaterThan(1);
    expect([...got].sort(byLink)).toEqual(want.sort(byLink));
  });

  it.each(SCOPES)(
    "counts people's clicks, those without referrer or source, and bots' per network: %s",
    async (_, scope) => {
      const from = Date.parse('2026-03-02T03:15:00Z');
      const to = Date.parse('2026-04-09T20:45:00Z');
      const got = await createTimingStore(d.db).networkClicks(scope, from, to);
      type Want = { network: string | null; clicks: number; noReferrer: number; direct: number; bots: number };
      const want = new Map<string | null, Want>();
      for (const c of raw.filter((c) => c.clicked_at >= from && c.clicked_at < to).filter(inScope(scope, 'include'))) {
        const n = want.get(c.network) ?? { network: c.network, clicks: 0, noReferrer: 0, direct: 0, bots: 0 };
        n.bots += c.bot ? 1 : 0;
        n.clicks += c.bot ? 0 : 1;
        n.noReferrer += !c.bot && c.referrer_host === null ? 1 : 0;
        n.direct += !c.bot && c.source === 'direct' ? 1 : 0;
        want.set(c.network, n);
      }
      const order = (a: { network: string | null }, b: { network: string | null }) =>
        String(a.network).localeCompare(String(b.network));
      expect([...want.values()].some((n) => n.noReferrer > 0 && n.direct > 0 && n.bots > 0)).toBe(true);
      expect([...got].sort(order)).toEqual([...want.values()].sort(order));
    },
  );

  it('reads every post of the scope when no posting range is given', async () => {
    const got = await createTimingStore(d.db).postQuarters({}, null, { from: 0, to: 4 }, 'include');
    const slugs = new Set(
      raw
        .filter(
          (c) =>
            c.clicked_at >= c.posted - (c.posted % QUARTER) && c.clicked_at < c.posted - (c.posted % QUARTER) + HOUR,
        )
        .map((c) => c.link_id),
    );
    expect(new Set(got.map((r) => r.linkId))).toEqual(slugs);
    const totals = await createTimingStore(d.db).postTotals({}, null, { from: 0, to: 4 }, 'include');
    expect(new Set(totals.map((r) => r.linkId))).toEqual(slugs);
  });
});
