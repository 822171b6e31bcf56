import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickWriter, createLinkStore } from '../../src/db/index.js';
import { counterStatements } from '../../src/db/counterUpserts.js';
import { forgetLinkFiltersTriggerSql, forgetLinkTriggerSql } from '../../src/db/counterRebuild.js';
import { groupTriggersSql } from '../../src/db/groupCounters.js';
import { fillDayHours } from '../../src/db/linkHours.js';
import { createCounterStore } from '../support/counterStore.js';
import { createStatsStore } from '../../src/db/statsStore.js';
import type { ClickWriter, Device, NewClick } from '../../src/domain/index.js';
import { createSqliteClickWriter } from '../../src/node/clicks/write.js';
import { countedAtOnce, createClickCounting } from '../../src/node/clicks/count.js';
import { MIGRATIONS_DIR, openDatabase, type NodeDatabase } from '../../src/node/sqlite.js';
import { getStats } from '../../src/services/getStats.js';
import { rebuildCounters } from '../../src/services/rebuildCounters.js';
import { tempDir, testClock } from '../support/app.js';
import { rawStats, type OracleQuery } from './countersOracle.js';
import { prng } from '../support/random.js';

const DAY = 86_400_000;
const START = Date.parse('2026-02-20T00:00:00Z');
const clock = testClock(START + 21 * DAY);

const LINKS = [
  { slug: 's1', campaign: 'c1', network: 'linkedin' },
  { slug: 's2', campaign: 'c1', network: 'x' },
  { slug: 's3', campaign: 'c2', network: 'x' },
  { slug: 's4', campaign: 'c2', network: 'facebook' },
  { slug: 's5', campaign: null, network: null },
  { slug: 's6', campaign: 'c2', network: 'linkedin' },
];
const PLACES: [string | null, string | null][] = [
  [null, null],
  ['FR', 'Paris'],
  ['FR', 'Lyon'],
  ['US', 'Paris'],
  ['IN', 'Mumbai'],
  ['NP', 'Kathmandu'],
  ['IN', null],
];

function randomClicks(rnd: () => number, linkIds: number[], n: number): NewClick[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, () => {
    const [country, city] = pick(PLACES);
    const clickedAt = START + Math.floor(rnd() ** 1.5 * 20 * DAY);
    const referrerHost = pick([null, null, 'lnkd.in', 't.co', 'google.com']);
    return {
      linkId: pick(linkIds),
      // Any millisecond over 20 days, more of them early in each post's life.
      clickedAt,
      referrer: referrerHost && `https://${referrerHost}/x`,
      referrerHost,
      source: pick(['linkedin', 'x', 'direct', 'direct', 'google']),
      device: pick<Device>(['desktop', 'mobile', 'mobile', 'tablet', 'other']),
      os: pick([null, 'iOS', 'Android', 'Windows']),
      browser: pick([null, 'Chrome', 'Mobile Safari']),
      country,
      region: null,
      city,
      bot: rnd() < 0.1,
      visitor: `v${Math.floor(rnd() * 30)}`.padEnd(32, '0'),
      // About one in five is a QR scan, decided without a draw so the other values stay as they were.
      qr: clickedAt % 5 === 0,
      userAgent: null,
    };
  });
}

interface Side {
  database: NodeDatabase;
  clicks: ClickWriter;
  linkIds: number[];
}
type SideName = 'node' | 'shared' | 'late';
const dir = tempDir('linkpost-counters-');
const sides: Record<SideName, Side> = {} as never;

function clickStoreOf(name: SideName, database: NodeDatabase): ClickWriter {
  switch (name) {
    case 'node':
      return countedAtOnce(createSqliteClickWriter(database), createClickCounting(database));
    case 'shared':
      return createClickWriter(database.db, database.batch, {
        extraStatements: counterStatements(database.db),
      });
    case 'late':
      // As the click thread writes: nothing counted with the batch (countAll runs when the test says).
      return createSqliteClickWriter(database);
  }
}

async function openSide(name: SideName): Promise<Side> {
  const database = openDatabase(join(dir, `${name}.db`));
  const clicks = clickStoreOf(name, database);
  const links = createLinkStore(database.db);
  const linkIds: number[] = [];
  for (const [i, l] of LINKS.entries()) {
    const link = await links.insert({
      ...l,
      url: 'https://example.com',
      destination: 'https://example.com',
      title: `Post ${i + 1}`,
      utm: {},
      network: l.network as never,
      postedAt: START + i * DAY,
      createdAt: START,
      updatedAt: START,
      disabled: false,
      expiresAt: null,
      maxClicks: null,
    });
    linkIds.push(link.id);
  }
  return { database, clicks, linkIds };
}

const dump = (db: NodeDatabase, skipZeros = false) =>
  Object.fromEntries(
    [
      'counter_totals',
      'counter_links',
      'counter_profiles',
      'counter_campaigns',
      'counter_filters',
      'counter_filter_links',
      'counter_networks',
    ].map((t) => [
      t,
      (db.sqlite.prepare(`SELECT * FROM ${t} ${skipZeros ? 'WHERE clicks != 0' : ''}`).all() as object[])
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );

/** What the 'late' side's countAll calls returned, in order; the last ran after every batch. */
const lateCounts: number[] = [];

beforeAll(async () => {
  for (const name of ['node', 'shared', 'late'] as const) sides[name] = await openSide(name);
  const rnd = prng(20260310);
  // Its own sequence, so the clicks stay those the other sides have always had.
  const countNow = prng(7);
  const lateCounting = createClickCounting(sides.late.database);
  for (let written = 0; written < 4000;) {
    const size = 1 + Math.floor(rnd() * 400);
    const batch = randomClicks(rnd, sides.node.linkIds, size);
    for (const side of Object.values(sides)) await side.clicks.insertBatch(batch.map((c) => ({ ...c })));
    written += size;
    // After about one batch in five, as the click thread counts after a pause in traffic.
    if (countNow() < 0.2) lateCounts.push(lateCounting.countAll());
  }
  lateCounts.push(lateCounting.countAll());
}, 120_000);
afterAll(() => {
  for (const side of Object.values(sides)) side.database.close();
  rmSync(dir, { recursive: true, force: true });
});

const QUERIES: string[] = [
  'from=2026-02-20&to=2026-03-12&interval=day',
  'campaign=c1&tz=Asia/Kolkata&from=2026-02-23T07:40&to=2026-03-05T19:05&interval=day',
  'network=x&source=linkedin,direct&tz=Asia/Kathmandu&from=2026-02-21&to=2026-02-24&interval=hour',
  'country=FR&device=mobile&tz=America/New_York&from=2026-03-05&to=2026-03-11&interval=day',
  'country=FR&device=mobile&tz=America/New_York&from=2026-03-07T20:00&to=2026-03-09T03:00&interval=hour',
  'slug=s1,s2&bots=include&tz=Europe/London&from=2026-02-20&to=2026-03-12&interval=day',
  'bots=only&tz=Australia/Adelaide&from=2026-02-22T05:00&to=2026-02-24T11:15&interval=hour',
  'campaign=c2&country=IN,NP&device=desktop,tablet&bots=include&tz=Asia/Kolkata&from=2026-02-20&to=2026-03-10&interval=day',
  'tz=Asia/Kolkata&from=2026-02-25T10:10:00Z&to=2026-03-07T23:59:00Z&interval=day',
  'network=linkedin&tz=UTC&from=2026-02-26T13:00:00Z&to=2026-02-27T02:45:00Z&interval=hour',
  'qr=true&from=2026-02-20&to=2026-03-12&interval=day',
  'qr=false&campaign=c1&tz=Asia/Kolkata&from=2026-02-23T07:40&to=2026-03-05T19:05&interval=hour',
  'qr=true&country=FR&bots=include&tz=America/New_York&from=2026-02-21&to=2026-03-11&interval=day',
  // One click filter on every link: read from counter_filters and counter_filter_links.
  'source=linkedin,direct&tz=Asia/Kathmandu&from=2026-02-21T03:10&to=2026-03-04T17:50&interval=day',
  'country=FR&bots=include&tz=America/New_York&from=2026-02-25T06:00&to=2026-02-27T21:00&interval=hour',
  'device=mobile,tablet&bots=only&from=2026-02-20&to=2026-03-12&interval=day',
  'qr=false&tz=Asia/Kolkata&from=2026-02-22T09:15&to=2026-03-08T11:45&interval=day',
  // Whole networks: their values from counter_networks.
  'network=x,facebook&bots=include&tz=Asia/Kolkata&from=2026-02-21T03:10&to=2026-03-04T17:50&interval=day',
];

async function expectCountersMatchRawClicks(side: Side, query: string) {
  const deps = { stats: createStatsStore(side.database.db), clock };
  const raw = Object.fromEntries(new URLSearchParams(query));
  const lists = ['campaign', 'network', 'slug', 'source', 'country', 'device'];
  const input: Record<string, unknown> = { ...raw, limit: '100' };
  for (const k of lists) if (typeof input[k] === 'string') input[k] = (input[k] as string).split(',');
  const got = await getStats(deps, input);
  const q: OracleQuery = {
    from: Date.parse(got.range.from),
    to: Date.parse(got.range.to),
    tz: got.range.tz,
    interval: got.range.interval as 'hour' | 'day',
    bots: (raw.bots as OracleQuery['bots']) ?? 'exclude',
    campaigns: input.campaign as string[],
    networks: input.network as string[],
    slugs: input.slug as string[],
    sources: input.source as string[],
    countries: (input.country as string[])?.map((c) => c.toUpperCase()),
    devices: input.device as string[],
    ...(raw.qr ? { qr: raw.qr === 'true' } : {}),
  };
  const want = rawStats(side.database.sqlite, q);
  expect(got.totals, `${query} totals`).toEqual(want.totals);
  expect(got.totals.clicks, `${query} is a real test`).toBeGreaterThan(0);
  const series = new Map(
    got.series
      .filter((p) => p.clicks > 0)
      .map((p) => [
        q.interval === 'day' ? p.t.slice(0, 10) : `${p.t.slice(0, 13)}${p.t.slice(19)}`,
        { clicks: p.clicks, uniques: p.uniques },
      ]),
  );
  expect(series, `${query} series`).toEqual(want.series);
  for (const [name, rows] of Object.entries(got.breakdowns)) {
    const asMap = new Map(
      rows.map((r) => [name === 'city' ? (r.label ?? r.value) : r.value, { clicks: r.clicks, uniques: r.uniques }]),
    );
    const expected = new Map(
      [...want.breakdowns[name as keyof typeof want.breakdowns]].filter(([, c]) => c.clicks > 0),
    );
    expect(asMap, `${query} breakdown ${name}`).toEqual(expected);
  }
}

describe('counters on random clicks', () => {
  // Before any rebuild: these are the counters the write path kept.
  it.each(QUERIES)('answer %s as raw clicks do', async (query) => {
    await expectCountersMatchRawClicks(sides.node, query);
  });

  it('are the same whether written by the Node store or the shared drizzle one (D1 parameter limit)', () => {
    expect(dump(sides.shared.database)).toEqual(dump(sides.node.database));
  });

  it('are the same when the Node store counts them later, several batches at a time, with countAll', () => {
    const clicks = sides.late.database.sqlite.prepare('SELECT count(*) FROM clicks').pluck().get() as number;
    expect(lateCounts.filter((n) => n > 0).length, 'counted in several runs').toBeGreaterThan(2);
    expect(lateCounts.reduce((a, b) => a + b, 0)).toBe(clicks);
    expect(dump(sides.late.database)).toEqual(dump(sides.node.database));
  });

  it('are exactly what a rebuild from raw clicks computes', async () => {
    const before = dump(sides.node.database);
    await rebuildCounters({ counters: createCounterStore(sides.node.database.db, sides.node.database.batch), clock });
    expect(dump(sides.node.database)).toEqual(before);
  });

  it('forget a deleted link: its rows cascade, totals subtract it, stats still equal raw clicks', async () => {
    const side = sides.shared;
    const links = createLinkStore(side.database.db);
    expect(await links.remove(side.linkIds[0]!)).toBe(true);
    const count = (sql: string) => (side.database.sqlite.prepare(sql).get() as { n: number }).n;
    expect(count(`SELECT count(*) AS n FROM counter_links WHERE link_id = ${side.linkIds[0]}`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM counter_profiles WHERE link_id = ${side.linkIds[0]}`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM counter_filter_links WHERE link_id = ${side.linkIds[0]}`)).toBe(0);
    const afterDelete = dump(side.database, true);
    await createCounterStore(side.database.db, side.database.batch).rebuild();
    expect(dump(side.database, true)).toEqual(afterDelete);
    for (const query of [
      QUERIES[0]!,
      QUERIES[5]!.replace('slug=s1,s2', 'slug=s2'),
      QUERIES[8]!,
      ...QUERIES.slice(-4),
    ]) {
      await expectCountersMatchRawClicks(side, query);
    }
  });

  it('follow a post to another campaign, or out of campaigns, and stay equal to raw clicks', async () => {
    const side = sides.node;
    const links = createLinkStore(side.database.db);
    await links.update(side.linkIds[1]!, { campaign: 'c2' }); // s2: c1 → c2
    await links.update(side.linkIds[4]!, { campaign: 'c1' }); // s5: none → c1
    await links.update(side.linkIds[2]!, { campaign: null }); // s3: c2 → none
    await links.update(side.linkIds[3]!, { title: 'only the title' }); // no move
    const moved = dump(side.database, true);
    await createCounterStore(side.database.db, side.database.batch).rebuild();
    expect(dump(side.database, true)).toEqual(moved);
    for (const query of [
      'campaign=c1&from=2026-02-20&to=2026-03-12&interval=day',
      'campaign=c2&tz=Asia/Kolkata&from=2026-02-22T10:00&to=2026-03-09&interval=day',
    ]) {
      await expectCountersMatchRawClicks(side, query);
    }
  });

  it('follow a post to another network, or out of networks, and stay equal to raw clicks', async () => {
    const side = sides.late;
    const links = createLinkStore(side.database.db);
    await links.update(side.linkIds[0]!, { network: 'x' }); // s1: linkedin → x
    await links.update(side.linkIds[4]!, { network: 'facebook' }); // s5: none → facebook
    await links.update(side.linkIds[3]!, { network: null }); // s4: facebook → none
    const moved = dump(side.database, true);
    expect(moved.counter_networks!.length).toBeGreaterThan(0);
    await createCounterStore(side.database.db, side.database.batch).rebuild();
    expect(dump(side.database, true)).toEqual(moved);
    for (const query of [
      'network=x&from=2026-02-20&to=2026-03-12&interval=day',
      'network=facebook,linkedin&bots=include&tz=Asia/Kolkata&from=2026-02-22T10:00&to=2026-03-09&interval=day',
    ]) {
      await expectCountersMatchRawClicks(side, query);
    }
    expect(await links.remove(side.linkIds[1]!)).toBe(true); // s2, on x, deleted
    const afterDelete = dump(side.database, true);
    await createCounterStore(side.database.db, side.database.batch).rebuild();
    expect(dump(side.database, true)).toEqual(afterDelete);
    await expectCountersMatchRawClicks(side, 'network=x&from=2026-02-20&to=2026-03-12&interval=day');
  });

  it('the migrations hold the triggers exactly as counterRebuild.ts prints them', () => {
    // The last migration to create a trigger is the one the database runs (0018 rebuilt counter_profiles).
    const lastDefining = (trigger: string) =>
      readdirSync(MIGRATIONS_DIR)
        .filter((f) => f.endsWith('.sql'))
        .sort()
        .filter((f) => readFileSync(join(MIGRATIONS_DIR, f), 'utf8').includes(`CREATE TRIGGER \`${trigger}\``))
        .at(-1)!;
    expect(lastDefining('counters_forget_link')).toBe('0018_profiles_without_rowid.sql');
    expect(lastDefining('counters_forget_link_filters')).toBe('0018_profiles_without_rowid.sql');
    const rebuilt = readFileSync(join(MIGRATIONS_DIR, '0018_profiles_without_rowid.sql'), 'utf8');
    expect(rebuilt).toContain(forgetLinkTriggerSql());
    expect(rebuilt).toContain(forgetLinkFiltersTriggerSql());
    // 0016 recreated the group triggers to move hourly counts too (created in 0003 and 0014).
    for (const name of ['campaigns', 'networks'] as const) {
      const column = name === 'campaigns' ? 'campaign' : 'network';
      const last = readdirSync(MIGRATIONS_DIR)
        .filter((f) => f.endsWith('.sql'))
        .sort()
        .filter((f) =>
          readFileSync(join(MIGRATIONS_DIR, f), 'utf8').includes(`CREATE TRIGGER \`counters_move_link_${column}\``),
        )
        .at(-1);
      expect(last).toBe('0016_group_hour_counters.sql');
      for (const trigger of groupTriggersSql(name))
        expect(readFileSync(join(MIGRATIONS_DIR, last!), 'utf8')).toContain(trigger);
    }
  });

  it("the migrations fill the day rows' hours with the UPDATEs a rebuild runs", () => {
    const database = openDatabase(':memory:');
    const printed = (of: 'links' | 'filterLinks') =>
      (fillDayHours(database.db, of, 'true') as unknown as { toSQL(): { sql: string } }).toSQL().sql;
    expect(readFileSync(join(MIGRATIONS_DIR, '0015_link_day_hours.sql'), 'utf8')).toContain(`${printed('links')};`);
    expect(readFileSync(join(MIGRATIONS_DIR, '0017_filter_link_day_hours.sql'), 'utf8')).toContain(
      `${printed('filterLinks')};`,
    );
    database.close();
  });
});
