/** The Worker's cron trigger under CLICK_RETENTION_DAYS, on a local D1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkStore } from '../../src/db/index.js';
import { DAY_MS, type Click } from '../../src/domain/index.js';
import { createD1ClickWriter } from '../../src/worker/recordDeps.js';
import { openD1 } from '../../src/worker/d1.js';
import { pruneOldClicks } from '../../src/worker/retention.js';
import { openLocalD1 } from '../support/worker.js';
import { memoryLogger } from '../support/logs.js';

const NOW = Date.parse('2026-03-20T15:30:00Z');
let local: Awaited<ReturnType<typeof openLocalD1>>;
beforeAll(async () => {
  local = await openLocalD1();
}, 90_000);
afterAll(() => local?.close());

describe('the Worker cron trigger', () => {
  it('deletes raw clicks older than CLICK_RETENTION_DAYS and keeps their counters, and does nothing without it', async () => {
    const d1 = openD1(local.binding as Parameters<typeof openD1>[0]);
    const link = await createLinkStore(d1.db).insert({
      slug: 'cron',
      url: 'https://example.com/',
      destination: 'https://example.com/',
      title: null,
      campaign: null,
      network: null,
      utm: {},
      postedAt: null,
      createdAt: 0,
      updatedAt: 0,
      disabled: false,
      expiresAt: null,
      maxClicks: null,
    });
    const click = (at: number): Click => ({
      linkId: link.id,
      clickedAt: at,
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
      visitor: 'v'.padEnd(32, '0'),
      qr: false,
      userAgent: null,
      firstOfDay: false,
    });
    // Ten days of clicks, one every six hours, counted as D1 counts them (in the same batch).
    await createD1ClickWriter(d1).insertBatch(
      Array.from({ length: 40 }, (_, i) => click(NOW - 10 * DAY_MS + i * 6 * 3_600_000)),
    );
    const total = async () =>
      (
        await d1.db.all<{ n: number }>(
          "SELECT sum(clicks) AS n FROM counter_totals WHERE dim = 'all' AND grain = 1440" as never,
        )
      )[0]!.n;
    const clicks = async () => (await d1.db.all<{ n: number }>('SELECT count(*) AS n FROM clicks' as never))[0]!.n;
    expect(await clicks()).toBe(40);
    const counted = await total();
    expect(counted).toBe(40);

    const env = {
      DB: local.binding as Parameters<typeof openD1>[0],
      VISITOR_SECRET: 'a-visitor-secret-for-worker-retention-tests',
    };
    expect(await pruneOldClicks(env, memoryLogger(), () => NOW)).toBe(0);
    expect(await clicks()).toBe(40);

    const logger = memoryLogger();
    const deleted = await pruneOldClicks({ ...env, CLICK_RETENTION_DAYS: '3' }, logger, () => NOW);
    // Before 2026-03-17T00:00Z: the first 7 days minus the 15:30 start, 4 clicks a day.
    const kept = Array.from({ length: 40 }, (_, i) => NOW - 10 * DAY_MS + i * 6 * 3_600_000).filter(
      (at) => at >= Date.parse('2026-03-17T00:00:00Z'),
    ).length;
    expect(deleted).toBe(40 - kept);
    expect(await clicks()).toBe(kept);
    expect(await total()).toBe(counted);
    expect(logger.lines).toEqual([
      { level: 'info', message: 'deleted raw clicks older than CLICK_RETENTION_DAYS', fields: { deleted, days: 3 } },
    ]);
  });
});
