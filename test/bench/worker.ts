/**
 * npm run bench:worker — linkpost's Worker against a minimal Worker answering 302 from a Map,
 * both under `wrangler dev --local`, the same load, alternating rounds in one run.
 *   BENCH_SECONDS (default 8) per round, BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 20),
 *   BENCH_QUEUE=off to measure the direct path (no CLICKS_QUEUE) instead of wrangler.toml's,
 *   BENCH_FINAL_REQUESTS (default 2000) for the loss check,
 *   BENCH_ABLATION=1 to put steps between the two in the same rounds: a Hono app answering 302
 *   from a Map (test/bench/workers/hono302.ts), linkpost with its queue send a no-op, and
 *   linkpost with a consumer that writes nothing (CLICK_ABLATION in countingWorker.ts).
 * linkpost runs in the checked-in configuration with its entry wrapped by
 * test/support/countingWorker.ts, which counts the statements sent to D1 (nothing else changes).
 * It prints D1 statements per click over the rounds (with the statements that cost most), then
 * sends exactly BENCH_FINAL_REQUESTS, waits for every answer and compares the clicks stored.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { tempDir } from '../support/app.js';
import { ROOT } from '../support/server.js';
import { productHasQueue, startWorkerProcess, type WorkerProcess } from '../support/worker.js';
import { visitorMix, visitorRequests } from './traffic.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DIRECT = process.env.BENCH_QUEUE === 'off';
const FINAL_REQUESTS = Number(process.env.BENCH_FINAL_REQUESTS ?? 2000);
const ABLATION = process.env.BENCH_ABLATION === '1';
const ADMIN = 'bench-admin-key-000000000001';
const SLUGS = Array.from({ length: 50 }, (_, i) => `post${i}`);

/** The baseline: a Worker answering 302 from a Map, nothing else. */
const MINIMAL_WORKER = (destinations: Map<string, string>) => `
const destinations = new Map(${JSON.stringify([...destinations])});
export default {
  fetch(request) {
    const path = new URL(request.url).pathname;
    if (path === '/healthz') return new Response('ok');
    const target = destinations.get(path.slice(1));
    if (!target) return new Response('not found', { status: 404 });
    return new Response(null, { status: 302, headers: { location: target, 'cache-control': 'private, max-age=0' } });
  },
};
`;

function writeMinimal(destinations: Map<string, string>): string {
  const dir = tempDir('linkpost-minimal-');
  writeFileSync(join(dir, 'minimal.js'), MINIMAL_WORKER(destinations));
  const config = join(dir, 'wrangler.toml');
  writeFileSync(
    config,
    `name = "minimal"\nmain = "minimal.js"\ncompatibility_date = "2026-04-01"\nsend_metrics = false\n`,
  );
  return config;
}

/** The Hono step of the ablation: the same Map, as a JSON var (a TOML literal string). */
function writeHono(destinations: Map<string, string>): string {
  const dir = tempDir('linkpost-hono-');
  const config = join(dir, 'wrangler.toml');
  const main = join(ROOT, 'test/bench/workers/hono302.ts');
  writeFileSync(
    config,
    `name = "hono302"\nmain = ${JSON.stringify(main)}\ncompatibility_date = "2026-04-01"\nsend_metrics = false\n` +
      `[vars]\nDESTINATIONS = '${JSON.stringify([...destinations])}'\n`,
  );
  return config;
}

/** linkpost's Worker as the benchmark runs it, with its 50 links; CLICK_ABLATION for the ablation steps. */
async function startLinkpost(ablation?: 'nosend' | 'noconsume') {
  const worker = await startWorkerProcess({
    vars: { ADMIN_API_KEY: ADMIN, ...(ablation ? { CLICK_ABLATION: ablation } : {}) },
    main: 'test/support/countingWorker.ts',
    ...(DIRECT ? { queue: false } : {}),
  });
  const destinations = new Map<string, string>();
  for (const slug of SLUGS) {
    const res = await fetch(`${worker.url}/api/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `https://example.com/${slug}`, slug, network: 'linkedin', campaign: 'Bench' }),
    });
    if (res.status !== 201) throw new Error(`could not create ${slug}: ${res.status} ${await res.text()}`);
    destinations.set(slug, ((await res.json()) as { destination: string }).destination);
  }
  return { worker, destinations };
}

const visitors = visitorMix(2000);
async function load(url: string, amount?: number) {
  const started = performance.now();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    ...(amount ? { amount } : { duration: SECONDS }),
    requests: visitorRequests(visitors, SLUGS, 'cf-connecting-ip'),
  });
  return {
    rps: amount ? result.requests.total / ((performance.now() - started) / 1000) : result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    redirects: result['3xx'],
    errors: result.errors + result.timeouts + result.non2xx - result['3xx'],
  };
}

interface Tally {
  bySql: Record<string, number>;
  statements: number;
  batches: number;
  queueBatches: number;
  queuedVisits: number;
}
const tally = async (worker: WorkerProcess, reset = false): Promise<Tally> =>
  (await fetch(`${worker.url}/__d1-statements${reset ? '?reset' : ''}`)).json() as Promise<Tally>;

const storedClicks = async (worker: WorkerProcess) =>
  Number((await worker.query('SELECT count(*) AS n FROM clicks'))[0]![0]!.n);

async function main() {
  const { worker: lp, destinations } = await startLinkpost();
  const minimal = await startWorkerProcess({ config: writeMinimal(destinations) });
  const steps = ABLATION
    ? [
        { name: 'hono 302', worker: await startWorkerProcess({ config: writeHono(destinations) }) },
        { name: 'lp no send', worker: (await startLinkpost('nosend')).worker },
        { name: 'lp no write', worker: (await startLinkpost('noconsume')).worker },
      ]
    : [];
  const targets = [{ name: 'minimal', worker: minimal }, ...steps, { name: 'linkpost', worker: lp }];
  const path = DIRECT ? 'direct (no queue)' : productHasQueue() ? 'queue, as wrangler.toml has it' : 'direct';
  console.log(
    `worker benchmark: wrangler dev --local, ${ROUNDS} rounds × ${SECONDS}s, ${CONNECTIONS} connections; linkpost's click path: ${path}`,
  );
  const runs = new Map(targets.map((t) => [t.name, [] as Awaited<ReturnType<typeof load>>[]]));
  // Warm-up all, unmeasured.
  for (const t of targets) await load(t.worker.url);
  await settle(lp);
  const storedBefore = await storedClicks(lp);
  await tally(lp, true);
  for (let r = 0; r < ROUNDS; r++) {
    const line: string[] = [];
    for (const t of targets) {
      const x = await load(t.worker.url);
      runs.get(t.name)!.push(x);
      line.push(`${t.name} ${x.rps.toFixed(0)} req/s, p99 ${x.p99} ms${x.errors ? `, ${x.errors} errors` : ''}`);
    }
    console.log(`  round ${r + 1}: ${line.join(' | ')}`);
  }
  // Statements over the rounds, per click stored (a round's last requests are answered after it ends).
  const roundClicks = (await settle(lp)) - storedBefore;
  const t = await tally(lp, true);

  // Loss check: exactly FINAL_REQUESTS, every answer awaited, then every click must be stored.
  const before = await storedClicks(lp);
  const final = await load(lp.url, FINAL_REQUESTS);
  const stored = (await settle(lp, before + final.redirects)) - before;
  const finalTally = await tally(lp);
  await Promise.all(targets.map((t) => t.worker.stop()));

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = (name: string, xs: Awaited<ReturnType<typeof load>>[]) =>
    `${name.padEnd(12)} ${median(xs.map((x) => x.rps))
      .toFixed(0)
      .padStart(7)} req/s   p50 ${median(xs.map((x) => x.p50))} ms   p99 ${median(xs.map((x) => x.p99))} ms`;
  const rps = (name: string) => median(runs.get(name)!.map((x) => x.rps));
  console.log('\nmedian of rounds');
  for (const t of targets)
    console.log(`${summary(t.name, runs.get(t.name)!)}   ratio ${(rps(t.name) / rps('minimal')).toFixed(2)}`);
  const ratio = rps('linkpost') / rps('minimal');
  console.log(`ratio linkpost/minimal, throughput: ${ratio.toFixed(2)} (target ≥ 0.7)`);
  const perClick = (x: Tally, clicks: number) =>
    `${x.statements} statements in ${x.batches} batches for ${clicks} clicks: ${(x.statements / Math.max(1, clicks)).toFixed(3)} per click` +
    (x.queueBatches
      ? `; ${x.queueBatches} queue batches of ${(x.queuedVisits / x.queueBatches).toFixed(1)} visits`
      : '');
  console.log(`D1 over the rounds: ${perClick(t, roundClicks)}`);
  for (const [sql, n] of Object.entries(t.bySql)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)) {
    console.log(`  ${String(n).padStart(7)}  ${sql}`);
  }
  console.log(
    `loss check: ${final.redirects} redirects answered, ${stored} clicks stored, ${final.redirects - stored} lost`,
  );
  console.log(`D1 in the loss check: ${perClick(finalTally, stored)}`);
  if (stored !== final.redirects || final.errors > 0) process.exitCode = 1;
}

/** Waits until the stored clicks stop growing (or reach `atLeast`); returns how many are stored. */
async function settle(worker: WorkerProcess, atLeast = 0): Promise<number> {
  const until = Date.now() + 60_000;
  let last = -1;
  let now = await storedClicks(worker);
  while ((now < atLeast || now !== last) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 1500));
    last = now;
    now = await storedClicks(worker);
  }
  return now;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
