/**
 * D1's counters rebuild: `npm run d1:rebuild-sql` prints SQL that `wrangler d1 execute` runs.
 * On a local D1 whose counters were wiped, the file must bring back exactly what the Worker's
 * own writes counted, QR scans apart.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildSql } from '../../src/cli/d1RebuildSql.js';
import { createLinkStore } from '../../src/db/index.js';
import type { Click } from '../../src/domain/index.js';
import { openD1 } from '../../src/worker/d1.js';
import { createD1ClickWriter } from '../../src/worker/recordDeps.js';
import { tempDir } from '../support/app.js';
import { openLocalD1 } from '../support/worker.js';

const T0 = Date.UTC(2026, 4, 4, 8, 0);
const TABLES = ['counter_totals', 'counter_links', 'counter_campaigns', 'counter_profiles'];

describe('the D1 counters rebuild file', () => {
  let local: Awaited<ReturnType<typeof openLocalD1>>;
  const d1 = () => openD1(local.binding as Parameters<typeof openD1>[0]);
  const dump = async () => {
    const out: Record<string, string[]> = {};
    for (const t of TABLES)
      out[t] = (await d1().db.all(sql.raw(`SELECT * FROM ${t} WHERE clicks != 0`)))
        .map((r) => JSON.stringify(r))
        .sort();
    return out;
  };

  beforeAll(async () => {
    local = await openLocalD1();
    const links = createLinkStore(d1().db);
    const ids: number[] = [];
    for (const [slug, campaign] of [
      ['poster', 'Print'],
      ['online', 'Print'],
      ['solo', null],
    ] as const) {
      ids.push(
        (
          await links.insert({
            slug,
            url: `https://example.com/${slug}`,
            destination: `https://example.com/${slug}`,
            title: null,
            utm: {},
            campaign,
            network: null,
            postedAt: null,
            createdAt: T0,
            updatedAt: T0,
            disabled: false,
            expiresAt: null,
            maxClicks: null,
          })
        ).id,
      );
    }
    const clicks: Click[] = Array.from({ length: 45 }, (_, i) => ({
      linkId: ids[i % 3]!,
      clickedAt: T0 + i * 41 * 60_000,
      source: i % 2 ? 'direct' : 'linkedin',
      referrer: null,
      referrerHost: null,
      device: i % 3 ? 'mobile' : 'desktop',
      os: 'iOS',
      browser: 'Safari',
      country: 'FR',
      region: null,
      city: i % 5 ? 'Lyon' : null,
      bot: i % 8 === 0,
      visitor: `v${i % 7}`.padEnd(32, '0'),
      qr: i % 3 === 0 || i % 4 === 0,
      userAgent: null,
      firstOfDay: false,
    }));
    // Written and counted the way the Worker records clicks, in batches.
    for (let i = 0; i < clicks.length; i += 10) await createD1ClickWriter(d1()).insertBatch(clicks.slice(i, i + 10));
  }, 300_000); // wrangler's local D1 starts slowly on a busy machine
  afterAll(() => local?.close());

  it('recounts wiped counters to what the writes counted, QR scans included', async () => {
    const counted = await dump();
    const scans = counted.counter_totals!.filter((r) => r.includes('"dim":"qr"') && r.includes('"value":"true"'));
    expect(scans.length).toBeGreaterThan(0);

    await d1().db.run(sql`DELETE FROM counter_totals`);
    await d1().db.run(sql`DELETE FROM counter_profiles`);
    await d1().db.run(sql`UPDATE counter_links SET clicks = clicks + 5`);
    expect(await dump()).not.toEqual(counted);

    const file = join(tempDir('linkpost-d1-rebuild-'), 'rebuild.sql');
    writeFileSync(file, rebuildSql(Date.now(), null));
    await local.execute(file);
    expect(await dump()).toEqual(counted);
  }, 120_000);
});
