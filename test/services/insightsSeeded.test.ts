/** Heatmap, lifetime and insights on seeded traffic (`seed`), each figure recomputed from the others. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../src/cli/seed.js';
import { createApiKeyStore, createLinkStore, createStatsStore, createTimingStore } from '../../src/db/index.js';
import { median, round1 } from '../../src/domain/index.js';
import { openDatabase, type NodeDatabase } from '../../src/node/sqlite.js';
import { getHeatmap } from '../../src/services/getHeatmap.js';
import { getInsights } from '../../src/services/getInsights.js';
import { getLifetime } from '../../src/services/getLifetime.js';
import { getStats } from '../../src/services/getStats.js';
import { createLinkCache } from '../../src/services/index.js';
import type { TimingDeps } from '../../src/services/timingInput.js';
import { tempDir } from '../support/app.js';

const NOW = Date.parse('2026-03-01T00:00:00Z');
const RANGE = { from: '2025-12-01', to: '2026-03-01', tz: 'Europe/Berlin' };
let dir: string;
let database: NodeDatabase;
let deps: TimingDeps;

beforeAll(async () => {
  dir = tempDir('linkpost-insights-seed-');
  database = openDatabase(join(dir, 'seed.db'));
  let n = 0;
  const core = {
    links: createLinkStore(database.db),
    apiKeys: createApiKeyStore(database.db),
    clock: () => NOW,
    linkCache: createLinkCache(),
    publicUrl: 'https://go.example.com',
    adminKeyHash: null,
    newSlug: () => `s${(++n).toString(36).padStart(5, '0')}`,
  };
  await seedDatabase(database, core, { links: 240, campaigns: 8, clicks: 40_000, days: 90, now: NOW, seed: 7 }, {
    write: () => true,
  } as never);
  deps = { stats: createStatsStore(database.db), timing: createTimingStore(database.db), clock: () => NOW };
}, 120_000);
afterAll(() => {
  database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('insights on seeded traffic', () => {
  it('puts every click of the range in the heatmap once, as /api/stats counts them', async () => {
    for (const tz of ['Europe/Berlin', 'Asia/Kathmandu']) {
      const heat = await getHeatmap(deps, { ...RANGE, tz });
      const stats = await getStats(deps, { ...RANGE, tz, interval: 'week' });
      expect(heat.cells.reduce((n, c) => n + c.clicks, 0)).toBe(stats.totals.clicks);
      expect(heat.cells.reduce((n, c) => n + c.uniques, 0)).toBe(stats.totals.uniques);
    }
  });

  it('puts each post with a full first day in one first24h cell, with its h24 clicks', async () => {
    const heat = await getHeatmap(deps, { ...RANGE, metric: 'first24h' });
    const life = await getLifetime(deps, RANGE);
    const closed = life.posts.filter((p) => p.h24 !== null);
    expect(heat.cells.reduce((n, c) => n + c.posts, 0)).toBe(closed.length);
    expect(heat.pending).toBe(life.posts.length - closed.length);
    expect(heat.cells.reduce((n, c) => n + c.clicks, 0)).toBe(closed.reduce((n, p) => n + p.h24!, 0));
  });

  it('states recommendations whose figures the lifetime API gives back, the same each time', async () => {
    const { insights } = await getInsights(deps, RANGE);
    expect((await getInsights(deps, RANGE)).insights).toEqual(insights);
    const life = await getLifetime(deps, RANGE);
    const bySlug = new Map(life.posts.map((p) => [p.slug, p]));
    const medianOf = (slugs: string[], key: 'h24' | 'h72' | 'halfLifeHours') =>
      round1(median(slugs.map((s) => bySlug.get(s)![key]!))!);

    const kinds = new Set(insights.map((i) => i.kind));
    for (const kind of ['publishing_window', 'network_choice', 'post_lifetime'] as const)
      expect(kinds, kind).toContain(kind);
    for (const i of insights) {
      const e = i.evidence as any;
      if (i.kind === 'publishing_window' && e.slugs) {
        expect(medianOf(e.slugs, 'h24')).toBe(e.medianFirst24h);
        expect(medianOf(e.otherSlugs, 'h24')).toBe(e.otherMedianFirst24h);
        expect(i.text).toContain(`${e.ratio}×`);
      }
      if (i.kind === 'network_choice') for (const n of e.networks) expect(medianOf(n.slugs, 'h72')).toBe(n.medianH72);
      if (i.kind === 'post_lifetime') expect(medianOf(e.slugs, 'halfLifeHours')).toBe(e.medianHalfLifeHours);
    }
    const linkedin = insights.find((i) => i.id === 'post_lifetime:linkedin')!;
    expect(linkedin.kind).toBe('post_lifetime');
    expect(linkedin.confidence).not.toBe('low');
  });
});
