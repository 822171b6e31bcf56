/**
 * npm run bench:export — seeds clicks (1M by default), exports them as CSV through the real
 * HTTP server on 127.0.0.1, and prints rows/s, the server's peak RSS and its RSS after 100k
 * rows and at the end: constant memory means those two stay close.
 * Then times GET /api/stats.csv (one row per post, from the counters) for the last 90 days.
 *   BENCH_CLICKS (default 1000000), BENCH_LINKS (default 1000), BENCH_KEEP=1 keeps the database.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createLinkStore } from '../../src/db/index.js';
import { NETWORKS, type Click } from '../../src/domain/index.js';
import { openDatabase } from '../../src/node/sqlite.js';
import { createSqliteClickStore } from '../../src/node/sqliteClickStore.js';
import { sqliteCounterStatements } from '../../src/node/sqliteCounters.js';
import { tempDir } from '../support/app.js';
import { freePort, ROOT } from '../support/server.js';

const CLICKS = Number(process.env.BENCH_CLICKS ?? 1_000_000);
const LINKS = Number(process.env.BENCH_LINKS ?? 1000);
const ADMIN = 'bench-admin-key-000000000002';
const dir = tempDir('linkpost-bench-export-');
const dbPath = join(dir, 'bench.db');
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Links, and clicks written through the Node click store with its counters, as the click thread does. */
async function seed() {
  const started = Date.now();
  const database = openDatabase(dbPath);
  const links = createLinkStore(database.db);
  const clicks = createSqliteClickStore(database, { extraStatements: sqliteCounterStatements(database.sqlite) });
  const rand = prng(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const ids: number[] = [];
  const now = Date.now();
  for (let i = 0; i < LINKS; i++) {
    const network = NETWORKS[i % NETWORKS.length]!;
    const link = await links.insert({
      slug: `post${i}`, url: `https://example.com/post/${i}`,
      destination: `https://example.com/post/${i}?utm_source=${network}&utm_medium=social&utm_campaign=campaign-${i % 20}`,
      title: i % 10 === 0 ? `Post ${i}, with "quotes"\nand a second line` : `Post number ${i} about our launch`,
      campaign: `Campaign ${i % 50}`, network, utm: {}, postedAt: now - 90 * 86_400_000, createdAt: now, updatedAt: now,
      disabled: false, expiresAt: null, maxClicks: null,
    });
    ids.push(link.id);
  }
  const places = [['FR', 'IDF', 'Paris'], ['GB', 'ENG', 'London'], ['US', 'CA', 'San Francisco'], ['DE', 'BE', 'Berlin'], [null, null, null]] as const;
  const referrers = [null, null, 'https://t.co/abc', 'https://www.linkedin.com/feed/', 'https://l.facebook.com/l.php?u=x', 'https://www.google.com/'];
  const start = now - 90 * 86_400_000;
  for (let done = 0; done < CLICKS; ) {
    const batch: Click[] = [];
    for (let i = 0; i < 10_000 && done < CLICKS; i++, done++) {
      const [country, region, city] = pick(places);
      const referrer = pick(referrers);
      const bot = rand() < 0.08;
      batch.push({
        linkId: pick(ids), clickedAt: start + Math.floor((done / CLICKS) * 90 * 86_400_000), referrer,
        referrerHost: referrer ? new URL(referrer).hostname.replace(/^www\./, '') : null,
        source: pick(['linkedin', 'x', 'facebook', 'direct', 'google', 'instagram']), device: pick(['desktop', 'mobile', 'tablet'] as const),
        os: pick(['Windows', 'iOS', 'Android', 'macOS']), browser: pick(['Chrome', 'Safari', 'Firefox', 'Instagram']),
        country, region, city, bot, visitor: Math.floor(rand() * 2 ** 52).toString(16).padStart(32, '0'),
        qr: rand() < 0.05, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15', firstOfDay: !bot && rand() < 0.3,
      });
    }
    await clicks.insertBatch(batch);
    if (process.stdout.isTTY) process.stdout.write(`\rseeding ${done.toLocaleString('en-US')} clicks`);
  }
  database.close();
  console.log(`\rseeded ${CLICKS.toLocaleString('en-US')} clicks on ${LINKS} links in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const status = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function startServer() {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath, ADMIN_API_KEY: ADMIN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('listening on')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`linkpost exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

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
  return { records, bytes, seconds, idle, peak: Math.max(peak, status(pid, 'VmRSS')), at100k, atEnd: status(pid, 'VmRSS') };
}

async function main() {
  await seed();
  const server = await startServer();
  const pid = server.child.pid!;
  try {
    const all = await exportOnce(server.url, pid);
    if (all.records !== CLICKS) throw new Error(`exported ${all.records} rows, expected ${CLICKS}`);
    const some = await exportOnce(server.url, pid, '?campaign=Campaign%203&bots=exclude');
    const statsStarted = performance.now();
    const statsRes = await fetch(`${server.url}/api/stats.csv?from=${new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10)}`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const statsRows = (await statsRes.text()).split('\r\n').length - 2;
    const statsMs = performance.now() - statsStarted;
    console.log(`\nGET /api/clicks.csv, ${CLICKS.toLocaleString('en-US')} clicks, through the real server on 127.0.0.1`);
    console.log(`  all clicks:      ${all.records.toLocaleString('en-US')} rows, ${(all.bytes / 1e6).toFixed(0)} MB in ${all.seconds.toFixed(1)} s = ${Math.round(all.records / all.seconds).toLocaleString('en-US')} rows/s`);
    console.log(`  one campaign:    ${some.records.toLocaleString('en-US')} rows in ${some.seconds.toFixed(1)} s = ${Math.round(some.records / some.seconds).toLocaleString('en-US')} rows/s`);
    console.log(`  server RSS:      ${mb(all.idle)} before, ${mb(all.at100k)} at 100k rows, ${mb(all.atEnd)} at ${(all.records / 1e6).toFixed(1)}M rows, peak ${mb(Math.max(all.peak, some.peak))} (VmHWM ${mb(status(pid, 'VmHWM'))})`);
    console.log(`  growth 100k → end: ${mb(all.atEnd - all.at100k)}`);
    console.log(`GET /api/stats.csv, 90 days: ${statsRes.status}, ${statsRows.toLocaleString('en-US')} posts in ${statsMs.toFixed(0)} ms`);
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`database kept at ${dbPath}`);
  }
}

main().catch((err) => {
  console.error(err);
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
