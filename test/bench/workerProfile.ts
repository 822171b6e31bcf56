/**
 * npm run bench:worker-profile — where linkpost's Worker spends its CPU under bench:worker's
 * load: a CPU profile through wrangler's DevTools inspector (unminified bundle) over
 * BENCH_SECONDS (default 8) of 20 connections on the queue path, printed as self time by
 * function and by the file it comes from. The queue consumer runs in the same isolate locally,
 * so its share shows too.
 */
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { startWorkerProcess } from '../support/worker.js';
import { visitorMix, visitorRequests } from './traffic.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ADMIN = 'bench-admin-key-000000000001';
const SLUGS = Array.from({ length: 50 }, (_, i) => `post${i}`);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One DevTools session: send(method, params) answers the command's result. */
async function inspector(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
    // wrangler's proxy echoes a command with an empty result as the command itself, without `result`.
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result ?? {});
  });
  return {
    send: <T>(method: string, params: object = {}) =>
      new Promise<T>((resolve) => {
        pending.set(++id, resolve as (r: unknown) => void);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

/** Self time (ms) per key, from the samples and their time deltas. */
function selfTimes(profile: Profile, key: (n: ProfileNode) => string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  profile.samples.forEach((sample, i) => {
    const k = key(byId.get(sample)!);
    out.set(k, (out.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...out].sort((a, b) => b[1] - a[1]);
}

/** Where a frame's code lives: a src/ or node_modules/ path from the bundle's URL, or the runtime. */
const fileOf = (url: string) => url.replace(/^.*?\/(src|node_modules|test)\//, '$1/') || '(runtime)';

async function main() {
  const worker = await startWorkerProcess({
    vars: { ADMIN_API_KEY: ADMIN },
    main: 'test/support/countingWorker.ts',
    devArgs: ['--minify=false'],
  });
  try {
    for (const slug of SLUGS) {
      const res = await fetch(`${worker.url}/api/links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: `https://example.com/${slug}`, slug, network: 'linkedin', campaign: 'Bench' }),
      });
      if (res.status !== 201) throw new Error(`could not create ${slug}: ${res.status}`);
    }
    const requests = visitorRequests(visitorMix(2000), SLUGS, 'cf-connecting-ip');
    await autocannon({ url: worker.url, connections: 20, duration: 3, requests });
    const devtools = await inspector(worker.inspectorPort);
    await devtools.send('Profiler.enable');
    await devtools.send('Profiler.setSamplingInterval', { interval: 200 });
    await devtools.send('Profiler.start');
    const result = await autocannon({ url: worker.url, connections: 20, duration: SECONDS, requests });
    const { profile } = await devtools.send<{ profile: Profile }>('Profiler.stop');
    devtools.close();
    const total = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
    const pct = (ms: number) => `${((100 * ms) / total).toFixed(1).padStart(5)} %`;
    console.log(`${result.requests.average} req/s; ${(total / 1000).toFixed(1)} s profiled`);
    console.log('\nself time by file');
    for (const [k, ms] of selfTimes(profile, (n) => fileOf(n.callFrame.url)).slice(0, 15))
      console.log(`  ${pct(ms)}  ${k}`);
    console.log('\nself time by function');
    const fn = (n: ProfileNode) =>
      `${n.callFrame.functionName || '(anonymous)'} ${fileOf(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    for (const [k, ms] of selfTimes(profile, fn).slice(0, 30)) console.log(`  ${pct(ms)}  ${k}`);
  } finally {
    await worker.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
