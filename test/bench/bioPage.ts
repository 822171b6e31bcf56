/**
 * npm run bench:bio — linkpost serving a 25-entry bio page (/@bench: cached page, rendered per
 * request, view counted) against a bare node:http server answering the same HTML from a string,
 * same load, alternating, in one run. Prints requests/s, the server's CPU per request, the
 * ratio, and the page's size.
 *   BENCH_SECONDS (default 5) per round, BENCH_ROUNDS (default 2), BENCH_CONNECTIONS (default 16).
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { tempDir } from '../support/app.js';
import { startServerProcess } from '../support/server.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ADMIN = 'bench-admin-key-000000000002';
const UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

const BARE_SERVER = `
const { createServer } = require('node:http');
const html = process.env.PAGE;
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-cache' }).end(html);
});
server.listen(0, '127.0.0.1', () => console.log('listening on ' + server.address().port));
`;

function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
}

async function load(url: string, pid: number, seconds = SECONDS) {
  const before = cpuMicros(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { 'user-agent': UA } });
  const requests = result.requests.total;
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { requests, rps: requests / seconds, cpuPerRequest: (cpuMicros(pid) - before) / requests };
}

async function main() {
  const dir = tempDir('linkpost-bench-bio-');
  const server = await startServerProcess({ DATABASE_PATH: join(dir, 'bench.db'), ADMIN_API_KEY: ADMIN });
  const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
  const slugs: string[] = [];
  for (let i = 0; i < 25; i++) {
    const slug = `post${i}`;
    await fetch(`${server.url}/api/links`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        url: `https://example.com/p/${i}`,
        slug,
        title: `Entry number ${i}: something worth a tap`,
        network: 'instagram',
      }),
    });
    slugs.push(slug);
  }
  await fetch(`${server.url}/api/bio-pages`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      handle: 'bench',
      title: 'Bench',
      text: 'A page with 25 entries.',
      avatarUrl: 'https://cdn.example/a.png',
      links: slugs,
    }),
  });
  const page = await (await fetch(`${server.url}/@bench`)).text();
  const bare = spawn(process.execPath, ['-e', BARE_SERVER], {
    env: { ...process.env, PAGE: page },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const barePort = await new Promise<string>((resolve) =>
    bare.stdout!.on('data', (d) => {
      const m = /listening on (\d+)/.exec(String(d));
      if (m) resolve(m[1]!);
    }),
  );
  try {
    const rounds: { linkpost: Awaited<ReturnType<typeof load>>; bare: Awaited<ReturnType<typeof load>> }[] = [];
    // One second of each first, so both are warm (JIT) when measured.
    let served = (await load(`${server.url}/@bench`, server.child.pid!, 1)).requests;
    await load(`http://127.0.0.1:${barePort}/`, bare.pid!, 1);
    for (let r = 0; r < ROUNDS; r++) {
      const linkpost = await load(`${server.url}/@bench`, server.child.pid!);
      const baseline = await load(`http://127.0.0.1:${barePort}/`, bare.pid!);
      rounds.push({ linkpost, bare: baseline });
      served += linkpost.requests;
      console.log(
        `round ${r + 1}: linkpost ${linkpost.rps.toFixed(0)} req/s, ${linkpost.cpuPerRequest.toFixed(0)} µs CPU/req; bare ${baseline.rps.toFixed(0)} req/s, ${baseline.cpuPerRequest.toFixed(0)} µs CPU/req; ratio ${(linkpost.rps / baseline.rps).toFixed(2)}`,
      );
    }
    const views = (await (await fetch(`${server.url}/api/bio-pages/bench/stats?days=1`, { headers: auth })).json()) as {
      views: { people: number };
    };
    // The set-up fetch above sends no browser user agent, so it is a bot's view, not a person's.
    // autocannon stops each run with up to CONNECTIONS requests in flight, which it does not count but the server answers.
    const unseen = views.views.people - served;
    console.log(
      `page: ${Buffer.byteLength(page)} bytes; views counted as people: ${views.views.people}, pages autocannon saw answered: ${served} (${unseen} in flight at the end of ${ROUNDS + 1} runs, at most ${CONNECTIONS * (ROUNDS + 1)})`,
    );
    if (unseen < 0 || unseen > CONNECTIONS * (ROUNDS + 1)) throw new Error('views were lost or counted twice');
  } finally {
    bare.kill();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
