import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLinkStore } from '../../src/db/index.js';
import { DAY_MS, rawClicksFrom, type NewClick } from '../../src/domain/index.js';
import { createClickPruner } from '../../src/db/index.js';
import { pruneClicks } from '../../src/services/index.js';
import { createClickCounting, createSqliteCounterStore } from '../../src/node/clicks/count.js';
import { openDatabase, type NodeDatabase } from '../../src/node/sqlite.js';
import { createClickReader } from '../../src/db/clickReader.js';
import { createSqliteClickWriter } from '../../src/node/clicks/write.js';
import { makeTestApp, tempDir } from '../support/app.js';

const NOW = Date.parse('2026-03-20T15:30:00Z');
const DAYS = 3;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every counter row, sorted. */
const dump = (database: NodeDatabase) =>
  ['counter_totals', 'counter_links', 'counter_profiles', 'counter_campaigns'].map((t) =>
    (database.sqlite.prepare(`SELECT * FROM ${t} WHERE clicks != 0`).all() as object[])
      .map((r) => JSON.stringify(r))
      .sort(),
  );
const one = (database: NodeDatabase, sql: string) => database.sqlite.prepare(sql).pluck().get() as number;

/** Ten days of clicks, every 37 minutes, some bots, on two posts of one campaign; all counted. */
async function tenDays() {
  const dir = tempDir('linkpost-retention-');
  dirs.push(dir);
  const database = openDatabase(join(dir, 'r.db'));
  const links = createLinkStore(database.db);
  const ids: number[] = [];
  for (const slug of ['one', 'two']) {
    const link = await links.insert({
      slug,
      url: 'https://example.com/',
      destination: 'https://example.com/',
      title: null,
      campaign: 'C',
      network: 'x',
      utm: {},
      postedAt: null,
      createdAt: 0,
      updatedAt: 0,
      disabled: false,
      expiresAt: null,
      maxClicks: null,
    });
    ids.push(link.id);
  }
  const clicks: NewClick[] = [];
  for (let at = NOW - 10 * DAY_MS, i = 0; at < NOW; at += 37 * 60_000, i++) {
    clicks.push({
      linkId: ids[i % 2]!,
      clickedAt: at,
      referrer: null,
      referrerHost: null,
      source: i % 3 ? 'x' : 'direct',
      device: 'mobile',
      os: null,
      browser: null,
      country: i % 5 ? 'FR' : null,
      region: null,
      city: null,
      bot: i % 7 === 0,
      visitor: `v${i % 40}`.padEnd(32, '0'),
      qr: false,
      userAgent: null,
    });
  }
  await createSqliteClickWriter(database).insertBatch(clicks);
  const counting = createClickCounting(database);
  counting.countAll();
  return { database, counting, total: clicks.length };
}

describe('CLICK_RETENTION_DAYS', () => {
  it('starts the window at a UTC midnight, so no counter bucket straddles it', () => {
    expect(new Date(rawClicksFrom(NOW, DAYS)).toISOString()).toBe('2026-03-17T00:00:00.000Z');
    expect(rawClicksFrom(Date.parse('2026-03-20T00:00:00Z'), 1)).toBe(Date.parse('2026-03-19T00:00:00Z'));
  });

  it('deletes raw clicks older than the window and leaves every counter as it was', async () => {
    const { database, total } = await tenDays();
    const counters = dump(database);
    const from = rawClicksFrom(NOW, DAYS);
    const older = one(database, `SELECT count(*) FROM clicks WHERE clicked_at < ${from}`);
    expect(older).toBeGreaterThan(0);
    const humans = database.sqlite.prepare('SELECT slug, human_clicks FROM links').all();

    expect(await pruneClicks({ pruner: createClickPruner(database.db), clock: () => NOW }, DAYS)).toBe(older);
    expect(one(database, 'SELECT count(*) FROM clicks')).toBe(total - older);
    expect(one(database, 'SELECT min(clicked_at) FROM clicks')).toBeGreaterThanOrEqual(from);
    expect(dump(database)).toEqual(counters);
    // maxClicks reads this count; deleting old clicks does not give a spent budget back.
    expect(database.sqlite.prepare('SELECT slug, human_clicks FROM links').all()).toEqual(humans);
    database.close();
  });

  it('never deletes a click that is not counted yet', async () => {
    const { database } = await tenDays();
    const link = one(database, "SELECT id FROM links WHERE slug = 'one'");
    // Written by the click thread just before a crash, not counted yet, and already old.
    await createSqliteClickWriter(database).insertBatch([
      {
        linkId: link,
        clickedAt: NOW - 9 * DAY_MS,
        referrer: null,
        referrerHost: null,
        source: 'direct',
        device: 'desktop',
        os: null,
        browser: null,
        country: null,
        region: null,
        city: null,
        bot: false,
        visitor: 'late'.padEnd(32, '0'),
        qr: false,
        userAgent: null,
      },
    ]);
    await pruneClicks({ pruner: createClickPruner(database.db), clock: () => NOW }, DAYS);
    expect(one(database, `SELECT count(*) FROM clicks WHERE clicked_at < ${rawClicksFrom(NOW, DAYS)}`)).toBe(1);
    database.close();
  });

  it('lets counters rebuild keep the rows before the window and recount only the window', async () => {
    const { database, counting } = await tenDays();
    const counters = dump(database);
    await pruneClicks({ pruner: createClickPruner(database.db), clock: () => NOW }, DAYS);
    const from = rawClicksFrom(NOW, DAYS);

    await createSqliteCounterStore(database, counting, () => from).rebuild();
    expect(dump(database)).toEqual(counters);
    expect(one(database, `SELECT count(*) FROM counter_totals WHERE bucket < ${from} AND clicks > 0`)).toBeGreaterThan(
      0,
    );

    // Without the window, a rebuild would recount the deleted days to nothing: what the setting prevents.
    await createSqliteCounterStore(database, counting).rebuild();
    expect(one(database, `SELECT count(*) FROM counter_totals WHERE bucket < ${from}`)).toBe(0);
    database.close();
  });

  it('tells the dashboard where raw clicks start through GET /api/clicks', async () => {
    const kept = await makeTestApp((database, clock) => ({
      clicks: createClickReader(database.db),
      clickRetentionDays: DAYS,
      clock,
    }));
    const all = await makeTestApp((database) => ({ clicks: createClickReader(database.db) }));
    try {
      kept.clock.set(NOW);
      expect(((await (await kept.api('GET', '/api/clicks')).json()) as { rawClicksFrom: string }).rawClicksFrom).toBe(
        '2026-03-17T00:00:00.000Z',
      );
      expect(
        ((await (await all.api('GET', '/api/clicks')).json()) as { rawClicksFrom: string | null }).rawClicksFrom,
      ).toBeNull();
    } finally {
      kept.close();
      all.close();
    }
  });
});
