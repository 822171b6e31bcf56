/**
 * npm run bench:redirect — linkpost's redirect (full capture) against a bare node:http server
 * answering 302 from a Map, same load, alternating, in one run. Then SIGTERM and a loss check.
 *   BENCH_REQUESTS (default 40000) per round, BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 32).
 * Rounds send a fixed number of requests and wait for every answer, so the redirects
 * answered are counted exactly for the loss check.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Sqlite from 'better-sqlite3';
import { tempDir } from '../support/app.js';
import { freePort, ROOT } from '../support/server.js';
import { visitorMix } from './traffic.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ADMIN = 'bench-admin-key-000000000001';
const SLUGS = Array.from({ length: 50 }, (_, i) => `post${i}`);

const dir = tempDir('linkpost-bench-');
const dbPath = join(dir, 'bench.db');

async function startLinkpost() {
  const port = await freePort();
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean); // e.g. --cpu-prof
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/node.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath, ADMIN_API_KEY: ADMIN, TRUST_PROXY: 'true' },
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

function startBare(destinations: Map<string, string>) {
  const server = createServer((req, res) => {
    const target = destinations.get((req.url ?? '/').slice(1).split('?')[0]!);
    if (!target) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(302, { location: target, 'cache-control': 'private, max-age=0' }).end();
  });
  return new Promise<{ url: string; close(): void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

const visitors = visitorMix(2000);
async function load(url: string) {
  let i = 0;
  const started = performance.now();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: REQUESTS,
    requests: [
      {
        method: 'GET',
        setupRequest: (req: any) => {
          const v = visitors[i++ % visitors.length]!;
          const headers: Record<string, string> = { 'user-agent': v.userAgent, 'x-forwarded-for': v.address };
          if (v.referrer) headers.referer = v.referrer;
          return { ...req, path: `/${SLUGS[i % SLUGS.length]}`, headers };
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  return { rps: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99, redirects: result['3xx'], errors: result.errors + result.non2xx - result['3xx'] };
}

const peakRss = (pid: number) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

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

  console.log(`redirect benchmark: ${ROUNDS} rounds × ${REQUESTS} requests each, ${CONNECTIONS} connections, ${visitors.length} visitor mixes`);
  const runs = { bare: [] as Awaited<ReturnType<typeof load>>[], linkpost: [] as Awaited<ReturnType<typeof load>>[] };
  await load(bare.url); // warm-up both, unmeasured, short
  for (let r = 0; r < ROUNDS; r++) {
    runs.bare.push(await load(bare.url));
    runs.linkpost.push(await load(lp.url));
    const b = runs.bare.at(-1)!;
    const l = runs.linkpost.at(-1)!;
    console.log(`  round ${r + 1}: bare ${b.rps.toFixed(0)} req/s (p50 ${b.p50} ms, p99 ${b.p99} ms) | linkpost ${l.rps.toFixed(0)} req/s (p50 ${l.p50} ms, p99 ${l.p99} ms)`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = (name: string, xs: typeof runs.bare) =>
    `${name.padEnd(9)} ${median(xs.map((x) => x.rps)).toFixed(0).padStart(7)} req/s   p50 ${median(xs.map((x) => x.p50))} ms   p99 ${median(xs.map((x) => x.p99))} ms`;
  const rss = peakRss(lp.child.pid!);
  const answered = runs.linkpost.reduce((n, x) => n + x.redirects, 0);

  const exit = new Promise<number | null>((r) => lp.child.on('exit', r));
  lp.child.kill('SIGTERM');
  const code = await exit;
  bare.close();
  const db = new Sqlite(dbPath, { readonly: true });
  const stored = Number(db.prepare('select count(*) from clicks').pluck().get());
  const bots = Number(db.prepare('select count(*) from clicks where bot = 1').pluck().get());
  db.close();
  rmSync(dir, { recursive: true, force: true });

  const ratio = median(runs.linkpost.map((x) => x.rps)) / median(runs.bare.map((x) => x.rps));
  console.log('\nmedian of rounds');
  console.log(summary('bare', runs.bare));
  console.log(summary('linkpost', runs.linkpost));
  console.log(`ratio linkpost/bare: ${ratio.toFixed(2)} (target ≥ 0.5)`);
  console.log(`linkpost peak RSS: ${rss.toFixed(0)} MB (geoip-lite's in-memory database is ~150 MB of it)`);
  console.log(`redirects answered: ${answered}, clicks stored after SIGTERM: ${stored} (${bots} bots), exit code ${code}`);
  console.log(`lost clicks: ${answered - stored}`);
  if (answered !== stored || code !== 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
