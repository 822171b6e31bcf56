/**
 * kill -9: how many answered redirects a crash loses (the loss window), and that the database
 * is intact and its counters equal its raw clicks after the next start. docs/operations.md
 * states the bounds this test holds.
 *
 * A kill loses what was answered and not committed yet: in WAL mode a commit a reader can see
 * is in the file and outlives the process. So the window is also measured without a kill, as
 * the time from a redirect's request to its click being visible to a reader.
 */
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/node/sqlite.js';
import { tempDir } from '../support/app.js';
import { startServerProcess, type ServerProcess } from '../support/server.js';

const dir = tempDir('linkpost-e2e-crash-');
const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop('SIGKILL')));
  rmSync(dir, { recursive: true, force: true });
});

const ADMIN = 'admin-key-for-e2e-tests-0001';
/** What the test allows on a shared machine, where the click thread can go without CPU for tens of ms (docs/operations.md). */
export const LOSS_BOUND_MS = 100;
const CONNECTIONS = 32;
/**
 * A lone redirect's request-to-commit time, the fastest of PROBES: the writer holds a visit at
 * most 2 ms, then one small write. The writer before issue 13 held every lone visit 10 ms (its
 * timer), so no probe of it can come under that, however quiet the machine. A busy machine only
 * adds time, and to most probes when it is very busy (a lower quartile of 16 ms was seen with
 * two test files and three other jobs on the two cores), so the test asks the fastest probe.
 */
export const LONE_COMMIT_MS = 8;
const PROBES = 61;

/** One redirect on a kept-alive connection; resolves with the status once the answer is read. */
function hit(agent: Agent, url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

interface Run {
  answered: number;
  ms: number;
  stored: number;
  path: string;
  /** How long before the kill the oldest lost redirect was answered (0 when none was lost). */
  lostMs: number;
}

/** Starts a server on a fresh file, loads it for `ms`, kills it with SIGKILL, and counts. */
async function killUnderLoad(path: string, ms: number): Promise<Run> {
  const s = await startServerProcess({ DATABASE_PATH: path, ADMIN_API_KEY: ADMIN });
  running.push(s);
  const created = await fetch(`${s.url}/api/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: 'https://example.com/', slug: 'crash', campaign: 'C' }),
  });
  expect(created.status).toBe(201);
  const url = new URL(`${s.url}/crash`);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let answered = 0;
  /** When each redirect was answered, in order; the clicks stored are (nearly) the first ones. */
  const answerTimes: number[] = [];
  let killed = false;
  const loop = async () => {
    while (!killed) {
      try {
        if ((await hit(agent, url)) === 302 && !killed) answerTimes[answered++] = performance.now();
      } catch {
        return; // the server is gone
      }
    }
  };
  const started = Date.now();
  const loops = Array.from({ length: CONNECTIONS }, loop);
  await new Promise((r) => setTimeout(r, ms));
  // Counted up to the kill: every answer counted was sent before it.
  const counted = answered;
  killed = true;
  s.child.kill('SIGKILL');
  const killedAt = performance.now();
  const elapsed = Date.now() - started;
  await Promise.all(loops);
  agent.destroy();
  await s.stop();
  const database = openDatabase(path);
  const stored = database.sqlite.prepare('SELECT count(*) FROM clicks').pluck().get() as number;
  expect(database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  database.close();
  return {
    answered: counted,
    ms: elapsed,
    stored,
    path,
    lostMs: stored < counted ? killedAt - answerTimes[stored]! : 0,
  };
}

describe('a crash under load', () => {
  it(`loses at most ${LOSS_BOUND_MS} ms of answered redirects to kill -9, over three kills, and the next start finds integrity and counters intact`, async () => {
    const runs: Run[] = [];
    for (let i = 0; i < 3; i++) runs.push(await killUnderLoad(join(dir, `crash-${i}.db`), 1_500));
    let lost = 0;
    let bound = 0;
    for (const [i, r] of runs.entries()) {
      const rate = r.answered / (r.ms / 1000);
      const runLost = Math.max(0, r.answered - r.stored);
      lost += runLost;
      bound += (rate * LOSS_BOUND_MS) / 1000;
      console.log(
        `kill ${i + 1}: ${r.answered} redirects answered in ${r.ms} ms (${Math.round(rate)}/s), ${r.stored} stored, ${runLost} lost = ${((runLost / rate) * 1000).toFixed(1)} ms of traffic, answered up to ${r.lostMs.toFixed(1)} ms before the kill`,
      );
      expect(r.answered).toBeGreaterThan(20);
    }
    expect(lost).toBeLessThanOrEqual(Math.ceil(bound));

    for (const r of runs) {
      // The next start counts what the crash left uncounted; SIGTERM then leaves all counted.
      const again = await startServerProcess({ DATABASE_PATH: r.path, ADMIN_API_KEY: ADMIN });
      running.push(again);
      expect(await again.stop('SIGTERM')).toBe(0);
      const after = openDatabase(r.path);
      const one = (sql: string) => after.sqlite.prepare(sql).pluck().get() as number;
      expect(after.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(one('SELECT count(*) FROM clicks')).toBe(r.stored);
      expect(one("SELECT coalesce(sum(clicks), 0) FROM counter_totals WHERE dim = 'all' AND grain = 1440")).toBe(
        r.stored,
      );
      expect(one("SELECT coalesce(sum(clicks), 0) FROM counter_links WHERE dim = 'all' AND grain = 15")).toBe(r.stored);
      expect(one("SELECT human_clicks FROM links WHERE slug = 'crash'")).toBe(r.stored);
      after.close();
    }
  }, 120_000);

  it(`commits a lone redirect's click within ${LONE_COMMIT_MS} ms of the request (the fastest of ${PROBES}), so a kill after that keeps it`, async () => {
    const path = join(dir, 'lone.db');
    const s = await startServerProcess({ DATABASE_PATH: path, ADMIN_API_KEY: ADMIN });
    running.push(s);
    const created = await fetch(`${s.url}/api/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/', slug: 'lone' }),
    });
    expect(created.status).toBe(201);
    const url = new URL(`${s.url}/lone`);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const reader = new Sqlite(path, { readonly: true });
    const committed = reader.prepare('SELECT count(*) FROM clicks').pluck();
    const waits: number[] = [];
    for (let i = 0; i < PROBES; i++) {
      await new Promise((r) => setTimeout(r, 40)); // alone: the last write and its counting are over
      // From the request's start: the server cannot have the visit sooner, so this overstates.
      const sent = performance.now();
      expect(await hit(agent, url)).toBe(302);
      while ((committed.get() as number) <= i) {
        expect(performance.now() - sent).toBeLessThan(5_000);
        await new Promise((r) => setTimeout(r, 1)); // a busy wait would take a core from the server
      }
      waits.push(performance.now() - sent);
    }
    reader.close();
    agent.destroy();
    // The last probe is in the file: a kill now keeps all of them.
    s.child.kill('SIGKILL');
    await s.stop();
    const after = openDatabase(path);
    expect(after.sqlite.prepare('SELECT count(*) FROM clicks').pluck().get()).toBe(PROBES);
    expect(after.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
    const sorted = [...waits].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.floor((PROBES - 1) * q)]!;
    console.log(
      `lone redirects (${PROBES}): request to commit min ${at(0).toFixed(1)} ms, lower quartile ${at(0.25).toFixed(1)} ms, median ${at(0.5).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`,
    );
    expect(at(0)).toBeLessThanOrEqual(LONE_COMMIT_MS);
  }, 60_000);
});
