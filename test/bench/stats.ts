/**
 * npm run bench:stats — how GET /api/stats scales with clicks.
 * For 10k, 100k and 1M clicks (and 10M with --10m or BENCH_10M=1) it seeds a fresh database
 * through the real write path (1,000 posts in 50 campaigns over 90 days), starts the real
 * Node server on it, and times over HTTP, median of BENCH_RUNS (default 15) after a warm-up:
 *   campaign    GET /api/stats?campaign=<busiest campaign>&from&to   (30 whole UTC days)
 *   everything  GET /api/stats?from&to                               (the same 30 days)
 * plus harder queries (a half-hour zone, one click filter or network on everything, two filters,
 * compare), and
 * the timing answers with the same filters: GET /api/stats/heatmap (both metrics),
 * /api/stats/lifetime and /api/insights, each against /api/stats with the same filters.
 * It prints the times, the ratio t(1M) / t(10k) for the first two, and each timing answer's
 * ratio to its /api/stats twin: in the run of every query, and measured beside its twin, the order
 * alternating (whichever of two requests comes second finds the first one's pages in SQLite's cache).
 *   BENCH_SIZES=10000,100000 overrides the sizes.
 *   BENCH_DB=path/to/seeded.db times that database (one size, kept afterwards); when the file is missing
 *   it is seeded there first with the first of BENCH_SIZES, so a 10M seed is paid once
 *   (BENCH_SEED_ONLY=1 stops after seeding).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApiKeyStore, createLinkStore } from '../../src/db/index.js';
import { seedDatabase } from '../../src/cli/seed.js';
import { openDatabase } from '../../src/node/sqlite.js';
import { createLinkCache, type CoreDeps } from '../../src/services/index.js';
import { tempDir } from '../support/app.js';
import { startServerProcess } from '../support/server.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const ADMIN = 'bench-admin-key-000000000001';
const NOW = Date.parse('2026-03-01T00:00:00Z');
const RANGE = 'from=2026-01-30&to=2026-03-01';
const withTenMillion = process.argv.includes('--10m') || process.env.BENCH_10M === '1';
const SIZES = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(',').map(Number)
  : [10_000, 100_000, 1_000_000, ...(withTenMillion ? [10_000_000] : [])];

/** Timing answers, each with the /api/stats query of the same filters it is compared with. */
const TIMING: Record<string, [(campaign: string, twin: string) => string, string]> = {
  'heatmap, campaign': [(c) => `/api/stats/heatmap?campaign=${c}&${RANGE}`, 'campaign'],
  'heatmap, everything': [() => `/api/stats/heatmap?${RANGE}`, 'everything'],
  'heatmap, everything, Kolkata': [() => `/api/stats/heatmap?${RANGE}&tz=Asia/Kolkata`, 'everything, Kolkata'],
  'heatmap, everything, country=US': [() => `/api/stats/heatmap?country=US&${RANGE}`, 'everything, country=US'],
  'heatmap first24h, campaign': [(c) => `/api/stats/heatmap?metric=first24h&campaign=${c}&${RANGE}`, 'campaign'],
  'heatmap first24h, everything': [() => `/api/stats/heatmap?metric=first24h&${RANGE}`, 'everything'],
  'lifetime, campaign': [(c) => `/api/stats/lifetime?campaign=${c}&${RANGE}`, 'campaign'],
  'lifetime, everything': [() => `/api/stats/lifetime?${RANGE}`, 'everything'],
  'insights, campaign': [(c) => `/api/insights?campaign=${c}&${RANGE}`, 'campaign'],
  'insights, everything': [() => `/api/insights?${RANGE}`, 'everything'],
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (n: number) => n.toLocaleString('en-US');

async function seed(dbPath: string, clicks: number) {
  const database = openDatabase(dbPath);
  let n = 0;
  const core: CoreDeps = {
    links: createLinkStore(database.db),
    apiKeys: createApiKeyStore(database.db),
    clock: () => NOW,
    linkCache: createLinkCache(),
    publicUrl: 'https://go.example.com',
    adminKeyHash: null,
    newSlug: () => `p${(++n).toString(36).padStart(6, '0')}`,
  };
  try {
    return await seedDatabase(
      database,
      core,
      { links: 1_000, campaigns: 50, clicks, days: 90, now: NOW, seed: 1 },
      process.stderr,
    );
  } finally {
    database.close();
  }
}

interface Row {
  clicks: number;
  seedMs: number;
  times: Record<string, number>;
  answered: Record<string, number>;
  /** Timing answers measured beside their twin, order alternating: medians of both. */
  paired: Record<string, { ms: number; twinMs: number }>;
}

async function measure(clicks: number): Promise<Row> {
  const kept = process.env.BENCH_DB;
  const reused = kept !== undefined && existsSync(kept);
  const dir = kept ? '' : tempDir('linkpost-bench-stats-');
  const dbPath = kept ?? join(dir, 'bench.db');
  if (!reused) process.stderr.write(`seeding ${fmt(clicks)} clicks…\n`);
  const seeded = reused ? { ms: 0 } : await seed(dbPath, clicks);
  if (process.env.BENCH_SEED_ONLY === '1') {
    console.log(`seeded ${fmt(clicks)} clicks into ${dbPath} in ${(seeded.ms / 1000).toFixed(1)} s`);
    process.exit(0);
  }
  const server = await startServerProcess({ DATABASE_PATH: dbPath, ADMIN_API_KEY: ADMIN });
  try {
    const get = async (path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<any>;
    };
    const { campaigns } = await get(`/api/campaigns?${RANGE}`);
    const campaign = encodeURIComponent(campaigns[0].campaign);
    const queries: Record<string, string> = {
      campaign: `/api/stats?campaign=${campaign}&${RANGE}`,
      everything: `/api/stats?${RANGE}`,
      'everything, Kolkata': `/api/stats?${RANGE}&tz=Asia/Kolkata`,
      'campaign, source=linkedin': `/api/stats?campaign=${campaign}&source=linkedin&${RANGE}`,
      'everything, country=US': `/api/stats?country=US&${RANGE}`,
      // One filter on everything (issue 24: ≤ 100 ms at 10M), and two (≤ 250 ms).
      'everything, source=linkedin': `/api/stats?source=linkedin&${RANGE}`,
      'everything, device=mobile': `/api/stats?device=mobile&${RANGE}`,
      'everything, network=linkedin': `/api/stats?network=linkedin&${RANGE}`,
      'everything, qr=true': `/api/stats?qr=true&${RANGE}`,
      'everything, country=US, Kolkata': `/api/stats?country=US&${RANGE}&tz=Asia/Kolkata`,
      'everything, country=US&device=mobile': `/api/stats?country=US&device=mobile&${RANGE}`,
      'compare by network': `/api/stats/compare?campaign=${campaign}&by=network&hours=72`,
      ...Object.fromEntries(Object.entries(TIMING).map(([name, [path, twin]]) => [name, path(campaign, twin)])),
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(queries).map((k) => [k, []]));
    const answered: Record<string, number> = {};
    for (const [name, path] of Object.entries(queries))
      for (let i = 0; i < 3; i++) answered[name] = (await get(path)).totals?.clicks ?? 0;
    for (let run = 0; run < RUNS; run++) {
      for (const [name, path] of Object.entries(queries)) {
        const started = performance.now();
        await get(path);
        samples[name]!.push(performance.now() - started);
      }
    }
    const times = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
    // Each timing answer next to its /api/stats twin, the order alternating run by run: whichever
    // of two requests comes second finds the pages the first read in SQLite's cache.
    const paired: Row['paired'] = {};
    for (const [name, [, twin]] of Object.entries(TIMING)) {
      const mine: number[] = [];
      const theirs: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        for (const [path, into] of run % 2
          ? ([
              [queries[twin]!, theirs],
              [queries[name]!, mine],
            ] as const)
          : ([
              [queries[name]!, mine],
              [queries[twin]!, theirs],
            ] as const)) {
          const started = performance.now();
          await get(path);
          into.push(performance.now() - started);
        }
      }
      paired[name] = { ms: median(mine), twinMs: median(theirs) };
    }
    return { clicks, seedMs: seeded.ms, times, answered, paired };
  } finally {
    await server.stop();
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
for (const size of SIZES) {
  const row = await measure(size);
  rows.push(row);
  console.log(
    `${fmt(size).padStart(10)} clicks  seeded in ${(row.seedMs / 1000).toFixed(1)} s  ` +
      Object.entries(row.times)
        .map(([k, ms]) => `${k}: ${ms.toFixed(1)} ms`)
        .join('  '),
  );
}

console.log('\nGET /api/stats, 30 days, median of', RUNS, 'runs through the real HTTP server');
const names = Object.keys(rows[0]!.times).filter((n) => !(n in TIMING));
console.log(['clicks', 'seed s', ...names].join(' | '));
for (const r of rows)
  console.log(
    [fmt(r.clicks), (r.seedMs / 1000).toFixed(1), ...names.map((n) => `${r.times[n]!.toFixed(1)} ms`)].join(' | '),
  );
const first = rows.find((r) => r.clicks === 10_000) ?? rows[0]!;
const million = rows.find((r) => r.clicks === 1_000_000) ?? rows[rows.length - 1]!;
if (first !== million) {
  for (const name of ['campaign', 'everything']) {
    const ratio = million.times[name]! / first.times[name]!;
    console.log(
      `t(${fmt(million.clicks)}) / t(${fmt(first.clicks)}) for ${name}: ${ratio.toFixed(2)}${ratio <= 3 ? ' (target ≤ 3: met)' : ' (target ≤ 3: MISSED)'}`,
    );
  }
}
console.log(
  `${fmt(million.clicks)}-click campaign answer: ${million.times.campaign!.toFixed(1)} ms (target for 1M: well under 100 ms)`,
);

console.log('\nTiming answers against /api/stats with the same filters (30 days, median of', RUNS, 'runs)');
console.log(
  ['query', ...rows.map((r) => `${fmt(r.clicks)} clicks`), ...rows.map((r) => `ratio at ${fmt(r.clicks)}`)].join(' | '),
);
for (const [name, [, twin]] of Object.entries(TIMING)) {
  console.log(
    [
      `${name} (vs ${twin})`,
      ...rows.map((r) => `${r.times[name]!.toFixed(1)} ms`),
      ...rows.map((r) => (r.times[name]! / r.times[twin]!).toFixed(2)),
    ].join(' | '),
  );
}

console.log('\nThe same, each beside its twin, the order alternating run by run (median of', RUNS, 'pairs)');
console.log(['query', ...rows.map((r) => `${fmt(r.clicks)} clicks: answer / twin = ratio`)].join(' | '));
for (const [name, [, twin]] of Object.entries(TIMING)) {
  console.log(
    [
      `${name} (vs ${twin})`,
      ...rows.map(
        (r) =>
          `${r.paired[name]!.ms.toFixed(1)} / ${r.paired[name]!.twinMs.toFixed(1)} ms = ${(r.paired[name]!.ms / r.paired[name]!.twinMs).toFixed(2)}`,
      ),
    ].join(' | '),
  );
}
