/**
 * npm run bench:auth — how fast one client can guess API keys against the real server on
 * loopback, now that failed authentication is limited. For BENCH_SECONDS (default 20) one
 * client sends wrong Bearer keys as fast as it can over BENCH_CONNECTIONS (default 16)
 * connections, while another client makes valid calls; the baseline is the same valid calls
 * with no attack, in the same run. Prints attempts answered 401 (real guesses) per second,
 * 429s per second, and the other client's rate against its baseline.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/app.js';
import { startServerProcess } from '../support/server.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ADMIN = 'bench-admin-key-for-auth-0001';
const dir = tempDir('linkpost-bench-auth-');

async function loop(url: string, headers: Record<string, string>, seconds: number, connections: number) {
  const counts = new Map<number, number>();
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
      }
    }),
  );
  return counts;
}

const server = await startServerProcess({
  DATABASE_PATH: join(dir, 'bench.db'),
  ADMIN_API_KEY: ADMIN,
  TRUST_PROXY: 'true',
  API_RATE_LIMIT: '0',
});
try {
  const url = `${server.url}/api/links`;
  const valid = { authorization: `Bearer ${ADMIN}`, 'x-forwarded-for': '198.51.100.1' };
  const wrong = { authorization: 'Bearer lp_AAAAAAAA_guessguessguessguessguess', 'x-forwarded-for': '203.0.113.9' };
  const baseline = await loop(url, valid, 5, 2);
  const [attack, during] = await Promise.all([loop(url, wrong, SECONDS, CONNECTIONS), loop(url, valid, SECONDS, 2)]);
  const per = (n = 0, s = SECONDS) => n / s;
  const baseRate = per(baseline.get(200), 5);
  console.log(`attacker, ${CONNECTIONS} connections for ${SECONDS} s:`);
  console.log(`  guesses checked (401): ${attack.get(401) ?? 0} = ${per(attack.get(401)).toFixed(2)} per second`);
  console.log(`  refused at once (429): ${attack.get(429) ?? 0} = ${per(attack.get(429)).toFixed(0)} per second`);
  console.log(
    `  other statuses: ${JSON.stringify(Object.fromEntries([...attack].filter(([s]) => s !== 401 && s !== 429)))}`,
  );
  console.log(
    `other client, valid key: ${per(during.get(200)).toFixed(0)} req/s during the attack, ${baseRate.toFixed(0)} req/s before (ratio ${(per(during.get(200)) / baseRate).toFixed(2)})`,
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
