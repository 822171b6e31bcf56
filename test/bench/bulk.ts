/**
 * npm run bench:bulk — creates 1,000 posts through POST /api/links/bulk and, as the baseline in
 * the same run, 1,000 through POST /api/links one by one, on the Node server (better-sqlite3)
 * and on the Worker under `wrangler dev --local` (D1), over real HTTP on loopback. Prints the
 * time of each and the ratio. BENCH_ROWS (default 1000) sets the number of posts.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/app.js';
import { startServerProcess } from '../support/server.js';
import { startWorkerProcess } from '../support/worker.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1000);
const ADMIN = 'bench-admin-key-bulk-000000000001';
const dir = tempDir('linkpost-bench-bulk-');

const rows = (prefix: string) =>
  Array.from({ length: ROWS }, (_, i) => ({
    url: `https://example.com/${prefix}/${i}`,
    slug: `${prefix}-${i}`,
    title: `Post ${i}`,
    campaign: 'Bench',
    network: i % 2 ? 'x' : 'linkedin',
  }));

async function timeRuntime(name: string, base: string) {
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  let t = performance.now();
  for (const row of rows('one')) {
    const res = await post('/api/links', row);
    if (res.status !== 201) throw new Error(`one by one: ${res.status} ${await res.text()}`);
  }
  const oneByOne = performance.now() - t;
  t = performance.now();
  const res = await post('/api/links/bulk', { links: rows('bulk') });
  if (res.status !== 201) throw new Error(`bulk: ${res.status} ${await res.text()}`);
  const bulk = performance.now() - t;
  console.log(
    `${name.padEnd(8)} ${ROWS} posts: bulk ${bulk.toFixed(0)} ms, one by one ${oneByOne.toFixed(0)} ms, ratio ${(oneByOne / bulk).toFixed(1)}×`,
  );
}

try {
  const node = await startServerProcess({ DATABASE_PATH: join(dir, 'bench.db'), ADMIN_API_KEY: ADMIN });
  try {
    await timeRuntime('Node', node.url);
  } finally {
    await node.stop();
  }
  const worker = await startWorkerProcess({ vars: { ADMIN_API_KEY: ADMIN } });
  try {
    await timeRuntime('Workers', worker.url);
  } finally {
    await worker.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
