/**
 * npm run bench:redirect — linkpost's redirect (full capture) against a bare node:http server
 * answering 302 from a Map, same load, alternating, in one run. Then SIGTERM and a loss check.
 *   BENCH_SECONDS (default 8) per round, BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 32),
 *   BENCH_FINAL_REQUESTS (default 20000) for the loss check, BENCH_RATE (req/s over all
 *   connections, default unpaced): paced rounds give both servers the same load, so their CPU
 *   per request compares the work per click even on a machine other jobs keep busy.
 * The loss check sends a fixed number of requests, waits for every answer, sends SIGTERM
 * at once, and compares the clicks stored with the redirects answered.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Sqlite from 'better-sqlite3';
import { tempDir } from '../support/app.js';
import { freePort, startServerProcess } from '../support/server.js';
import { visitorMix, visitorRequests } from './traffic.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const FINAL_REQUESTS = Number(process.env.BENCH_FINAL_REQUESTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
const ADMIN = 'bench-admin-key-000000000001';
const SLUGS = Array.from({ length: 50 }, (_, i) => `post${i}`);

const dir = tempDir('linkpost-bench-');
const dbPath = join(dir, 'bench.db');

const startLinkpost = () =>
  startServerProcess(
    // LOG_LEVEL=debug: each thread logs a `memory` line a second (src/node/memoryLog.ts).
    { DATABASE_PATH: dbPath, ADMIN_API_KEY: ADMIN, TRUST_PROXY: 'true', LOG_LEVEL: 'debug' },
    { nodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean) }, // e.g. --cpu-prof
  );

/** The baseline: node:http answering 302 from a Map, in its own process like linkpost. */
const BARE_SERVER = `
const { createServer } = require('node:http');
const destinations = new Map(JSON.parse(process.env.DESTINATIONS));
const server = createServer((req, res) => {
  const target = destinations.get((req.url || '/').slice(1).split('?')[0]);
  if (!target) { res.writeHead(404).end(); return; }
  res.writeHead(302, { location: target, 'cache-control': 'private, max-age=0' }).end();
});
server.listen(0, '127.0.0.1', () => console.log('listening on ' + server.address().port));
`;

async function startBare(destinations: Map<string, string>) {
  const child = spawn(process.execPath, ['-e', BARE_SERVER], {
    env: { ...process.env, DESTINATIONS: JSON.stringify([...destinations]) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve) =>
    child.stdout!.on('data', (d) => {
      const m = /listening on (\d+)/.exec(String(d));
      if (m) resolve(m[1]!);
    }),
  );
  return { url: `http://127.0.0.1:${port}`, child, close: () => child.kill() };
}

/** CPU time (user + system) a process has used, in microseconds: steadier than req/s on a busy machine. */
function cpuMicros(pid: number, thread?: number): number {
  const file = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return (ticks * 1e6) / 100; // USER_HZ is 100 on Linux
}

const visitors = visitorMix(2000);
async function load(url: string, pid: number, amount?: number) {
  const cpuBefore = cpuMicros(pid);
  // The main thread (its id is the pid) answers requests; the rest is the click thread and V8's helpers.
  const mainBefore = cpuMicros(pid, pid);
  const started = performance.now();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    ...(amount ? { amount } : { duration: SECONDS, ...(RATE ? { overallRate: RATE } : {}) }),
    requests: visitorRequests(visitors, SLUGS, 'x-forwarded-for'),
  });
  const seconds = (performance.now() - started) / 1000;
  const cpuPerRequest = (cpuMicros(pid) - cpuBefore) / result.requests.total;
  const mainPerRequest = (cpuMicros(pid, pid) - mainBefore) / result.requests.total;
  return {
    cpuPerRequest,
    mainPerRequest,
    rps: amount ? result.requests.total / seconds : result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    redirects: result['3xx'],
    errors: result.errors + result.non2xx - result['3xx'],
  };
}

/** The process's peak RSS (VmHWM), and its RSS now split into anonymous and file-backed pages, in MB. */
function rssOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
  return { peak: kb('VmHWM'), rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') };
}

/** Samples RSS while the benchmark runs; the largest sample's split says what the peak holds. */
function sampleRss(pid: number, everyMs = 250) {
  let top = rssOf(pid);
  const timer = setInterval(() => {
    const now = rssOf(pid);
    if (now.rss > top.rss) top = now;
  }, everyMs);
  return { stop: () => (clearInterval(timer), { ...top, peak: rssOf(pid).peak }) };
}

type MemoryLine = { thread: string } & Record<string, number>;
/** The largest of each figure per thread, from the server's `memory` debug lines. */
function memoryPeaks(output: string) {
  const peaks = new Map<string, Record<string, number>>();
  for (const text of output.split('\n')) {
    if (!text.includes('"message":"memory"')) continue;
    const { thread, ...figures } = JSON.parse(text) as MemoryLine;
    const peak = peaks.get(thread) ?? {};
    for (const [k, v] of Object.entries(figures)) if (typeof v === 'number') peak[k] = Math.max(peak[k] ?? 0, v);
    peaks.set(thread, peak);
  }
  return peaks;
}

async function main() {
  const lp = await startLinkpost();
  const destinations = new Map<string, string>();
  for (const slug of SLUGS) {
    const res = await fetch(`${lp.url}/api/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `https://example.com/${slug}`, slug, network: 'linkedin', campaign: 'Bench' }),
    });
    const link = (await res.json()) as { destination: string };
    destinations.set(slug, link.destination);
  }
  const bare = await startBare(destinations);
  const rssSampler = sampleRss(lp.child.pid!);

  console.log(
    `redirect benchmark: ${ROUNDS} rounds × ${SECONDS}s each, ${CONNECTIONS} connections${RATE ? `, paced at ${RATE} req/s` : ''}, ${visitors.length} visitor mixes`,
  );
  const runs = { bare: [] as Awaited<ReturnType<typeof load>>[], linkpost: [] as Awaited<ReturnType<typeof load>>[] };
  // Warm-up both (JIT, caches), unmeasured.
  await load(bare.url, bare.child.pid!);
  await load(lp.url, lp.child.pid!);
  for (let r = 0; r < ROUNDS; r++) {
    runs.bare.push(await load(bare.url, bare.child.pid!));
    runs.linkpost.push(await load(lp.url, lp.child.pid!));
    const b = runs.bare.at(-1)!;
    const l = runs.linkpost.at(-1)!;
    console.log(
      `  round ${r + 1}: bare ${b.rps.toFixed(0)} req/s, ${b.cpuPerRequest.toFixed(0)} µs CPU/req | linkpost ${l.rps.toFixed(0)} req/s, ${l.cpuPerRequest.toFixed(0)} µs CPU/req (main thread ${l.mainPerRequest.toFixed(0)}, other threads ${(l.cpuPerRequest - l.mainPerRequest).toFixed(0)})`,
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = (name: string, xs: typeof runs.bare) =>
    `${name.padEnd(9)} ${median(xs.map((x) => x.rps))
      .toFixed(0)
      .padStart(
        7,
      )} req/s   p50 ${median(xs.map((x) => x.p50))} ms   p99 ${median(xs.map((x) => x.p99))} ms   ${median(xs.map((x) => x.cpuPerRequest)).toFixed(1)} µs CPU/request`;
  const rss = rssSampler.stop();

  // Loss check: settle, count, send exactly FINAL_REQUESTS, SIGTERM straight after the last answer.
  const countClicks = () => {
    const db = new Sqlite(dbPath, { readonly: true });
    const n = Number(db.prepare('select count(*) from clicks').pluck().get());
    db.close();
    return n;
  };
  // A busy machine can leave the rounds' clicks queued for seconds: wait until none arrive.
  let before = -1;
  for (let now = countClicks(); now !== before; now = countClicks()) {
    before = now;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const final = await load(lp.url, lp.child.pid!, FINAL_REQUESTS);
  const answered = final.redirects;
  const code = await lp.stop('SIGTERM');
  bare.close();
  const stored = countClicks() - before;
  // Counting follows the writes; after SIGTERM every stored click must be in the counters too.
  const db = new Sqlite(dbPath, { readonly: true });
  const counted = Number(
    db.prepare("select sum(clicks) from counter_totals where dim = 'all' and grain = 1440").pluck().get(),
  );
  const total = Number(db.prepare('select count(*) from clicks').pluck().get());
  db.close();
  rmSync(dir, { recursive: true, force: true });

  const ratio = median(runs.linkpost.map((x) => x.rps)) / median(runs.bare.map((x) => x.rps));
  console.log('\nmedian of rounds');
  console.log(summary('bare', runs.bare));
  console.log(summary('linkpost', runs.linkpost));
  const main = median(runs.linkpost.map((x) => x.mainPerRequest));
  console.log(
    `          of which request thread ${main.toFixed(1)} µs, click thread and V8 helpers ${(median(runs.linkpost.map((x) => x.cpuPerRequest)) - main).toFixed(1)} µs`,
  );
  const cpuRatio = median(runs.bare.map((x) => x.cpuPerRequest)) / median(runs.linkpost.map((x) => x.cpuPerRequest));
  console.log(`ratio linkpost/bare, throughput: ${ratio.toFixed(2)} (target ≥ 0.7)`);
  console.log(
    `ratio linkpost/bare, server CPU per request (bare ÷ linkpost, steadier on a busy machine): ${cpuRatio.toFixed(2)}`,
  );
  console.log(
    `linkpost peak RSS: ${rss.peak.toFixed(0)} MB (target ≤ 300); largest sample ${rss.rss.toFixed(0)} MB = ${rss.anon.toFixed(0)} anonymous + ${rss.file.toFixed(0)} file-backed`,
  );
  for (const [thread, p] of memoryPeaks(lp.output())) {
    console.log(
      `  ${thread} thread peaks: heap used ${p.heapUsedMb} MB of ${p.heapTotalMb} (new space ${p.newSpaceMb}, old space ${p.oldSpaceMb}), external ${p.externalMb} (array buffers ${p.arrayBuffersMb}), V8 malloc ${p.peakMallocedMb}`,
    );
  }
  console.log(`loss check: ${answered} redirects answered, then SIGTERM; ${stored} clicks stored; exit code ${code}`);
  console.log(`lost clicks: ${answered - stored}`);
  console.log(`counters after SIGTERM: ${counted} of ${total} stored clicks counted`);
  if (answered !== stored || counted !== total || code !== 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
