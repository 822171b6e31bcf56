/**
 * npm run bench:crash — what kill -9 loses under load: a real server on a fresh file, loaded
 * by autocannon, killed with SIGKILL mid-load; then the clicks stored are compared with the
 * redirects answered before the kill. Repeated BENCH_KILLS times.
 *   BENCH_CONNECTIONS (default 32), BENCH_RATE (req/s over all connections, default unpaced),
 *   BENCH_KILLS (default 5), BENCH_KILL_AFTER_MS (default 3000).
 * The baseline printed beside each loss is that run's traffic: the loss as milliseconds of it.
 */
import { join } from 'node:path';
import autocannon from 'autocannon';
import Sqlite from 'better-sqlite3';
import { tempDir } from '../support/app.js';
import { startServerProcess } from '../support/server.js';
import { visitorMix, visitorRequests } from './traffic.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
const KILLS = Number(process.env.BENCH_KILLS ?? 5);
const KILL_AFTER_MS = Number(process.env.BENCH_KILL_AFTER_MS ?? 3_000);
const ADMIN = 'bench-admin-key-000000000001';
const SLUGS = Array.from({ length: 50 }, (_, i) => `post${i}`);
const visitors = visitorMix(2000);
const dir = tempDir('linkpost-bench-crash-');

async function killOnce(n: number) {
  const path = join(dir, `crash-${n}.db`);
  const s = await startServerProcess({ DATABASE_PATH: path, ADMIN_API_KEY: ADMIN, TRUST_PROXY: 'true' });
  for (const slug of SLUGS) {
    await fetch(`${s.url}/api/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `https://example.com/${slug}`, slug }),
    });
  }
  const times: number[] = [];
  let killed = false;
  const instance = autocannon(
    {
      url: s.url,
      connections: CONNECTIONS,
      duration: (KILL_AFTER_MS + 5_000) / 1000,
      ...(RATE ? { overallRate: RATE } : {}),
      requests: visitorRequests(visitors, SLUGS, 'x-forwarded-for'),
    },
    () => {},
  ); // with a callback autocannon returns the running instance, to watch and stop
  instance.on('response', (_client: unknown, status: number) => {
    if (status === 302 && !killed) times.push(performance.now());
  });
  const started = performance.now();
  await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
  killed = true;
  s.child.kill('SIGKILL');
  const killedAt = performance.now();
  const answered = times.length;
  await s.stop();
  instance.stop();
  const db = new Sqlite(path, { readonly: true });
  const stored = Number(db.prepare('SELECT count(*) FROM clicks').pluck().get());
  db.close();
  // Rate over the last second before the kill: the traffic the loss is a slice of.
  const lastSecond = times.filter((t) => t > killedAt - 1_000).length;
  const lost = Math.max(0, answered - stored);
  return {
    answered,
    seconds: (killedAt - started) / 1000,
    rate: lastSecond,
    stored,
    lost,
    lostMs: lost ? killedAt - times[stored]! : 0,
  };
}

async function main() {
  console.log(
    `crash benchmark: ${KILLS} kills, ${CONNECTIONS} connections, ${RATE ? `${RATE} req/s paced` : 'unpaced'}, SIGKILL after ${KILL_AFTER_MS} ms`,
  );
  const runs = [];
  for (let n = 0; n < KILLS; n++) {
    const r = await killOnce(n);
    runs.push(r);
    console.log(
      `  kill ${n + 1}: ${r.answered} answered (${r.rate} req/s in the last second), ${r.stored} stored, ${r.lost} lost = ${((r.lost / r.rate) * 1000).toFixed(1)} ms of that traffic; oldest lost answered ${r.lostMs.toFixed(1)} ms before the kill`,
    );
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const lost = sorted(runs.map((r) => r.lost));
  const ms = sorted(runs.map((r) => (r.lost / r.rate) * 1000));
  const rates = sorted(runs.map((r) => r.rate));
  console.log(
    `\nlost per kill: median ${lost[Math.floor(KILLS / 2)]} clicks, max ${lost.at(-1)} (median load ${rates[Math.floor(KILLS / 2)]} req/s)`,
  );
  console.log(`as ms of traffic: median ${ms[Math.floor(KILLS / 2)]!.toFixed(1)} ms, max ${ms.at(-1)!.toFixed(1)} ms`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
