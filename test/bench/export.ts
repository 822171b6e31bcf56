/**
 * npm run bench:export — seeds clicks (1M by default, with the analytics `seed`), exports them as CSV through the real
 * HTTP server on 127.0.0.1, and prints rows/s, the server's peak RSS and its RSS after 100k
 * rows and at the end: constant memory means those two stay close.
 * Then times GET /api/stats.csv (one row per post, from the counters) for the last 90 days.
 *   BENCH_CLICKS (default 1000000), BENCH_LINKS (default 1000), BENCH_KEEP=1 keeps the database.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { customAlphabet } from 'nanoid';
import { seedDatabase } from '../../src/cli/seed.js';
import { createApiKeyStore, createLinkStore } from '../../src/db/index.js';
import { openDatabase } from '../../src/node/sqlite.js';
import { createLinkCache, type CoreDeps } from '../../src/services/index.js';
import { tempDir } from '../support/app.js';
import { startServerProcess } from '../support/server.js';

const CLICKS = Number(process.env.BENCH_CLICKS ?? 1_000_000);
const LINKS = Number(process.env.BENCH_LINKS ?? 1000);
const ADMIN = 'bench-admin-key-000000000002';
const dir = tempDir('linkpost-bench-export-');
const dbPath = join(dir, 'bench.db');
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

/** Posts and clicks from the analytics `seed` (createLink, recordClicks, the Node click store and counters). */
async function seed(): Promise<string> {
  const database = openDatabase(dbPath);
  const core: CoreDeps = {
    links: createLinkStore(database.db),
    apiKeys: createApiKeyStore(database.db),
    clock: Date.now,
    linkCache: createLinkCache(),
    publicUrl: 'https://go.example',
    adminKeyHash: null,
    newSlug: customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 8),
  };
  const done = await seedDatabase(
    database,
    core,
    { links: LINKS, campaigns: 50, clicks: CLICKS, days: 90, now: Date.now(), seed: 1 },
    process.stderr,
  );
  // The campaign with the fewest clicks above zero, for a selective filtered export.
  const { campaign } = database.sqlite
    .prepare(
      'SELECT l.campaign AS campaign FROM clicks c JOIN links l ON l.id = c.link_id GROUP BY l.campaign ORDER BY count(*) LIMIT 1',
    )
    .get() as { campaign: string };
  database.close();
  console.log(
    `seeded ${CLICKS.toLocaleString('en-US')} clicks on ${done.links} posts in ${done.campaigns} campaigns in ${(done.ms / 1000).toFixed(1)} s`,
  );
  return campaign;
}

const status = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

/** Downloads an export, counting records and sampling the server's RSS as rows arrive. */
async function exportOnce(url: string, pid: number, query = '') {
  const idle = status(pid, 'VmRSS');
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, status(pid, 'VmRSS'))), 20);
  const started = performance.now();
  const res = await fetch(`${url}/api/clicks.csv${query}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
  const reader = res.body!.getReader();
  let records = -1; // the header
  let bytes = 0;
  let inQuotes = false;
  let at100k = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    // A record ends at LF outside quotes (titles here hold quoted newlines).
    for (let i = 0; i < value.length; i++) {
      const b = value[i]!;
      if (b === 0x22) inQuotes = !inQuotes;
      else if (b === 0x0a && !inQuotes && ++records === 100_000) at100k = status(pid, 'VmRSS');
    }
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return {
    records,
    bytes,
    seconds,
    idle,
    peak: Math.max(peak, status(pid, 'VmRSS')),
    at100k,
    atEnd: status(pid, 'VmRSS'),
  };
}

async function main() {
  const campaign = await seed();
  const server = await startServerProcess({ DATABASE_PATH: dbPath, ADMIN_API_KEY: ADMIN });
  const pid = server.child.pid!;
  try {
    const all = await exportOnce(server.url, pid);
    if (all.records !== CLICKS) throw new Error(`exported ${all.records} rows, expected ${CLICKS}`);
    const some = await exportOnce(server.url, pid, `?campaign=${encodeURIComponent(campaign)}&bots=exclude`);
    const statsStarted = performance.now();
    const statsRes = await fetch(
      `${server.url}/api/stats.csv?from=${new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10)}`,
      {
        headers: { authorization: `Bearer ${ADMIN}` },
      },
    );
    const statsRows = (await statsRes.text()).split('\r\n').length - 2;
    const statsMs = performance.now() - statsStarted;
    console.log(
      `\nGET /api/clicks.csv, ${CLICKS.toLocaleString('en-US')} clicks, through the real server on 127.0.0.1`,
    );
    console.log(
      `  all clicks:      ${all.records.toLocaleString('en-US')} rows, ${(all.bytes / 1e6).toFixed(0)} MB in ${all.seconds.toFixed(1)} s = ${Math.round(all.records / all.seconds).toLocaleString('en-US')} rows/s`,
    );
    console.log(
      `  one campaign, humans (${campaign}): ${some.records.toLocaleString('en-US')} rows in ${some.seconds.toFixed(1)} s = ${Math.round(some.records / some.seconds).toLocaleString('en-US')} rows/s`,
    );
    console.log(
      `  server RSS:      ${mb(all.idle)} before, ${mb(all.at100k)} at 100k rows, ${mb(all.atEnd)} at ${(all.records / 1e6).toFixed(1)}M rows, peak ${mb(Math.max(all.peak, some.peak))} (VmHWM ${mb(status(pid, 'VmHWM'))})`,
    );
    console.log(`  growth 100k → end: ${mb(all.atEnd - all.at100k)}`);
    console.log(
      `GET /api/stats.csv, 90 days: ${statsRes.status}, ${statsRows.toLocaleString('en-US')} posts in ${statsMs.toFixed(0)} ms`,
    );
  } finally {
    await server.stop();
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`database kept at ${dbPath}`);
  }
}

main().catch((err) => {
  console.error(err);
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
