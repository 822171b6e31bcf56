/**
 * The security probe's findings, replayed against the real Node server (npm start) on loopback:
 * guessing keys, forged client addresses, self-loops, slow clients, caching, sessions across a
 * key change, and the recovery of a client address from the database file.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saltDirFor } from '../../src/node/saltFiles.js';
import { tempDir } from '../support/app.js';
import { candidateSalts, recoverAddress } from '../support/recoveryAttack.js';
import { runProcess, startServerProcess, type ServerProcess } from '../support/server.js';

const dir = tempDir('linkpost-security-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ADMIN = 'first-admin-key-for-security-e2e';
const NEW_ADMIN = 'second-admin-key-for-security-e2e';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(probe: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error('gave up waiting');
    await sleep(100);
  }
}

describe('security on the Node server', () => {
  const dbPath = join(dir, 'probe.db');
  const env = { DATABASE_PATH: dbPath, TRUST_PROXY: 'true' };
  let s: ServerProcess;
  const api = (path: string, init: RequestInit & { from?: string } = {}) =>
    fetch(`${s.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${ADMIN}`,
        'content-type': 'application/json',
        'x-forwarded-for': init.from ?? '198.51.100.1',
        ...(init.headers as Record<string, string>),
      },
    });

  beforeAll(async () => void (s = await startServerProcess({ ...env, ADMIN_API_KEY: ADMIN })), 60_000);
  afterAll(() => s.stop(), 30_000);

  it('refuses a weak ADMIN_API_KEY at start-up in one line with a non-zero exit', async () => {
    for (const weak of ['only-sixteen-chr', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']) {
      const r = await runProcess(['src/node.ts'], { DATABASE_PATH: join(dir, 'weak.db'), ADMIN_API_KEY: weak });
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^Invalid setting ADMIN_API_KEY=<hidden>: must /),
      ]);
      expect(r.stderr + r.stdout).not.toContain(weak);
    }
  }, 60_000);

  it('answers a guessing client 429 at once past ten failures, with a doubling Retry-After, and nobody else', async () => {
    const guess = () =>
      api('/api/links', {
        from: '203.0.113.50',
        headers: { authorization: 'Bearer lp_AAAAAAAA_guessguessguessguessguess' },
      });
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await guess()).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const blocked = await guess();
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('1');
    // The right key from the same client is refused too; other clients are not slowed.
    expect((await api('/api/links', { from: '203.0.113.50' })).status).toBe(429);
    expect((await api('/api/links', { from: '203.0.113.51' })).status).toBe(200);
    await sleep(1100);
    expect((await guess()).status).toBe(401);
    expect((await guess()).headers.get('retry-after')).toBe('2');
    await sleep(2100);
    expect((await guess()).status).toBe(401);
    expect((await guess()).headers.get('retry-after')).toBe('4');
    // One JSON log line a client and window (issue 13's structured logs).
    const lines = s
      .output()
      .split('\n')
      .filter((l) => l.includes('"message":"auth: client'));
    expect(lines).toHaveLength(1);
    expect(s.output()).not.toContain('203.0.113.50');
  }, 30_000);

  it('believes only the X-Forwarded-For entry its one proxy appended: forged headers make one visitor', async () => {
    expect(
      (
        await api('/api/links', {
          method: 'POST',
          body: JSON.stringify({ url: 'https://example.com/f', slug: 'forged' }),
        })
      ).status,
    ).toBe(201);
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${s.url}/forged`, {
        redirect: 'manual',
        headers: {
          'user-agent': UA,
          'x-forwarded-for': `81.2.69.${i}, 203.0.113.200`,
          'cf-connecting-ip': `2.${i}.3.4`,
        },
      });
      expect(res.status).toBe(302);
    }
    const clicks = await eventually(async () => {
      const body = (await (await api('/api/clicks?slug=forged')).json()) as {
        clicks: { visitor: string; country: string | null }[];
      };
      return body.clicks.length >= 30 ? body.clicks : null;
    });
    expect(new Set(clicks.map((c) => c.visitor)).size).toBe(1);
    expect(new Set(clicks.map((c) => c.country)).size).toBe(1);
  }, 30_000);

  it('refuses destinations that are this server under another spelling', async () => {
    const port = new URL(s.url).port;
    for (const url of [
      `http://LOCALHOST.:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://127.0.0.1.:${port}/x`,
      `http://0x7f.0.0.1:${port}/`,
    ]) {
      const res = await api('/api/links', { method: 'POST', body: JSON.stringify({ url }) });
      expect(res.status, url).toBe(400);
    }
  });

  it('marks authenticated JSON no-store and sends no HSTS over plain http', async () => {
    const res = await api('/api/links');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect((await fetch(`${s.url}/dashboard/`)).headers.get('strict-transport-security')).toBeNull();
  });

  it('lets go of a client that never finishes its headers within seconds, not a minute', async () => {
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(new URL(s.url).port), '127.0.0.1', () =>
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '),
      );
      socket.on('data', () => {});
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', reject);
      setTimeout(() => reject(new Error('still open after 20 s')), 20_000);
    });
    expect(closedAfter).toBeLessThan(15_000);
  }, 25_000);
});

describe('sessions and the database file on the Node server', () => {
  let s: ServerProcess | null = null;
  afterAll(() => s?.stop(), 30_000);

  it('ends the admin sessions of an old ADMIN_API_KEY after a restart with a new one; the CLI lists and ends sessions', async () => {
    const dbPath = join(dir, 'sessions.db');
    const env = { DATABASE_PATH: dbPath };
    s = await startServerProcess({ ...env, ADMIN_API_KEY: ADMIN });
    const url = s.url;
    const signIn = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.9' },
      body: JSON.stringify({ key: ADMIN }),
    });
    expect(signIn.status).toBe(201);
    const cookie = `lp_session=${/lp_session=([^;]*)/.exec(signIn.headers.get('set-cookie')!)![1]}`;
    const withCookie = () => fetch(`${s!.url}/api/links`, { headers: { cookie, 'x-forwarded-for': '198.51.100.9' } });
    expect((await withCookie()).status).toBe(200);
    expect(await s.stop()).toBe(0);

    s = await startServerProcess({ ...env, ADMIN_API_KEY: NEW_ADMIN });
    expect((await withCookie()).status).toBe(401);
    expect(await s.stop()).toBe(0);
    s = null;

    const listed = await runProcess(['src/cli/main.ts', 'sessions', 'list'], { DATABASE_PATH: dbPath });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^[0-9a-f]{12}\tADMIN_API_KEY\t/m);
    const id = /^([0-9a-f]{12})\t/m.exec(listed.stdout)![1]!;
    expect(
      (await runProcess(['src/cli/main.ts', 'sessions', 'revoke', id], { DATABASE_PATH: dbPath })).stdout,
    ).toContain(`Ended session ${id}`);
    expect(
      (await runProcess(['src/cli/main.ts', 'sessions', 'revoke', '--all'], { DATABASE_PATH: dbPath })).stdout,
    ).toContain('Ended 0 session(s)');
    expect((await runProcess(['src/cli/main.ts', 'sessions', 'list'], { DATABASE_PATH: dbPath })).stdout).toContain(
      'No live dashboard sessions',
    );
    expect((await runProcess(['src/cli/main.ts', 'sessions', 'revoke'], { DATABASE_PATH: dbPath })).code).toBe(2);
  }, 60_000);

  it('keeps the address out of reach of anyone holding the database file: the recovery attack finds nothing', async () => {
    const dbPath = join(dir, 'victim.db');
    s = await startServerProcess({ DATABASE_PATH: dbPath, TRUST_PROXY: 'true', ADMIN_API_KEY: NEW_ADMIN });
    const server = s;
    const api2 = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${NEW_ADMIN}`,
          'content-type': 'application/json',
          'x-forwarded-for': '198.51.100.1',
        },
      });
    expect(
      (
        await api2('/api/links', {
          method: 'POST',
          body: JSON.stringify({ url: 'https://example.com/v', slug: 'victim' }),
        })
      ).status,
    ).toBe(201);
    const victim = '10.77.201.33';
    expect(
      (
        await fetch(`${server.url}/victim`, {
          redirect: 'manual',
          headers: { 'user-agent': UA, 'x-forwarded-for': victim },
        })
      ).status,
    ).toBe(302);
    await eventually(async () => {
      const body = (await (await api2('/api/clicks?slug=victim')).json()) as { clicks: unknown[] };
      return body.clicks.length === 1 ? true : null;
    });
    // The copy an attacker gets: the file and its WAL as they are on disk while the server runs.
    const raw = [dbPath, `${dbPath}-wal`].filter(existsSync).map((p) => readFileSync(p));
    expect(await server.stop()).toBe(0);
    s = null;
    raw.push(readFileSync(dbPath));

    const db = new Sqlite(dbPath, { readonly: true });
    const click = db
      .prepare(
        "SELECT c.visitor, c.user_agent AS userAgent FROM clicks c JOIN links l ON l.id = c.link_id WHERE l.slug = 'victim'",
      )
      .get() as { visitor: string; userAgent: string };
    const candidates = candidateSalts(db);
    db.close();
    expect(click.userAgent).toBe(UA); // what the probe used: the user agent is still stored
    const attack = recoverAddress(click, candidates, '10.77');
    expect(attack.address).toBeNull();

    // The same attack with the salt file beside the database (the server's secret) does work:
    // the attack is real, and the salt lives only there.
    const saltFiles = readdirSync(saltDirFor(dbPath)).filter((f) => f.endsWith('.salt'));
    const salts = saltFiles.map((f) => readFileSync(join(saltDirFor(dbPath), f), 'utf8'));
    expect(salts.length).toBeGreaterThan(0);
    for (const salt of salts) for (const file of raw) expect(file.includes(salt)).toBe(false);
    const withSecret = recoverAddress(click, salts, '10.77');
    expect(withSecret.address).toBe(victim);
    console.log(
      `recovery attack: ${candidates.length} candidate salts in the file, ${attack.ms.toFixed(0)} ms, nothing found; ` +
        `with the salt files too: found in ${withSecret.ms.toFixed(0)} ms`,
    );
  }, 120_000);
});
