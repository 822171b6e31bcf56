import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { freePort, runProcess, startServerProcess, type ServerProcess } from '../support/server.js';

const dir = tempDir('linkpost-e2e-');
const dbPath = join(dir, 'nested', 'linkpost.db');
const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

/** A GET of `path` byte for byte, as no URL parser would send it; status and body. */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`);
    });
    let raw = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => (raw += d));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
      resolve({ status, body: raw.slice(raw.indexOf('\r\n\r\n') + 4) });
    });
  });
}

async function start(env: Record<string, string> = {}) {
  const s = await startServerProcess({ DATABASE_PATH: dbPath, ...env });
  running.push(s);
  return s;
}

describe('the Node server, as a user runs it', () => {
  let key = '';
  let shortUrl = '';

  it('on first start creates the database folder, prints where it listens and a key once', async () => {
    const s = await start();
    expect(s.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    key = /lp_[A-Za-z0-9]{8}_[A-Za-z0-9]+/.exec(s.output())![0];

    const health = await fetch(`${s.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true, storage: 'ok', queue: { waiting: 0, dropped: 0 } });

    const created = await fetch(`${s.url}/api/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/post', network: 'linkedin', campaign: 'E2E' }),
    });
    expect(created.status).toBe(201);
    const link = (await created.json()) as { shortUrl: string; slug: string };
    shortUrl = link.shortUrl;
    expect(shortUrl).toBe(`${s.url}/${link.slug}`);
    expect(link.slug).toMatch(/^[A-Za-z0-9_-]{7,}$/);

    const hop = await fetch(shortUrl, { redirect: 'manual' });
    expect(hop.status).toBe(302);
    expect(hop.headers.get('location')).toBe(
      'https://example.com/post?utm_source=linkedin&utm_medium=social&utm_campaign=e2e',
    );
    expect(await s.stop('SIGTERM')).toBe(0);
  });

  it('keeps all data on a second start and prints no new key', async () => {
    const s = await start({ PORT: new URL(shortUrl).port });
    expect(s.output()).not.toMatch(/lp_[A-Za-z0-9]{8}_/);
    const list = await fetch(`${s.url}/api/links`, { headers: { authorization: `Bearer ${key}` } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { links: unknown[] }).links).toHaveLength(1);
    expect((await fetch(shortUrl, { redirect: 'manual' })).status).toBe(302);
    expect(await s.stop('SIGINT')).toBe(0);
  });

  it('serves the dashboard page and redirects / to it', async () => {
    const s = await start({ PORT: new URL(shortUrl).port });
    const root = await fetch(`${s.url}/`, { redirect: 'manual' });
    expect(root.headers.get('location')).toBe('/dashboard/');
    const page = await fetch(`${s.url}/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    await s.stop();
  });

  // fetch() would normalise these before sending, so they go over a socket as they are.
  it('serves nothing outside public/ whatever the path spells', async () => {
    const s = await start({ PORT: new URL(shortUrl).port });
    const control = await rawGet(s.url, '/dashboard/index.html');
    expect(control.status).toBe(200);
    for (const path of [
      '/dashboard/../package.json',
      '/dashboard/../../package.json',
      '/dashboard/%2e%2e/%2e%2e/package.json',
      '/dashboard/%2E%2E%2F%2E%2E%2Fpackage.json',
      '/dashboard/..%2f..%2fpackage.json',
      '/dashboard/..%2F..%2F..%2Fetc%2Fpasswd',
      '/dashboard/..\\..\\package.json',
      '/dashboard/%5c..%5c..%5cpackage.json',
      '/dashboard/.%2e/.%2e/package.json',
    ]) {
      const res = await rawGet(s.url, path);
      expect(res.status, path).not.toBe(200);
      expect(res.body, path).not.toContain('"name": "linkpost"');
      expect(res.body, path).not.toContain('root:');
    }
    await s.stop();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ ADMIN_API_KEY: 'short' }, 'ADMIN_API_KEY'],
  ])('refuses to start with a bad setting %j, naming it', async (env, name) => {
    const r = await runProcess(['src/node.ts'], { DATABASE_PATH: dbPath, ...env });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`Invalid setting ${name}=`);
  });

  it('manages keys from the command line', async () => {
    const created = await runProcess(['src/cli/main.ts', 'keys', 'create', '--name', 'agency'], {
      DATABASE_PATH: dbPath,
    });
    expect(created.code).toBe(0);
    const newKey = /lp_[A-Za-z0-9]{8}_[A-Za-z0-9]+/.exec(created.stdout)![0];
    const list = await runProcess(['src/cli/main.ts', 'keys', 'list'], { DATABASE_PATH: dbPath });
    expect(list.stdout).toContain('agency');
    expect(list.stdout).not.toContain(newKey); // only the prefix is ever shown again
    const id = /^(\d+)\s.*agency/m.exec(list.stdout)![1]!;

    const s = await start({ PORT: new URL(shortUrl).port });
    const auth = { headers: { authorization: `Bearer ${newKey}` } };
    expect((await fetch(`${s.url}/api/links`, auth)).status).toBe(200);
    const revoked = await runProcess(['src/cli/main.ts', 'keys', 'revoke', id], { DATABASE_PATH: dbPath });
    expect(revoked.code).toBe(0);
    expect((await fetch(`${s.url}/api/links`, auth)).status).toBe(401);
    await s.stop();

    const bad = await runProcess(['src/cli/main.ts', 'keys', 'revoke', 'abc'], { DATABASE_PATH: dbPath });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage');
  });
});

describe('a setting the server cannot use when it starts', () => {
  /** A loopback port held by a plain TCP server for the test. */
  async function takenPort(): Promise<{ port: number; server: Server }> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return { port: (server.address() as { port: number }).port, server };
  }

  function storedKeys(path: string): number {
    const sqlite = new Sqlite(path, { readonly: true });
    try {
      return (sqlite.prepare('SELECT count(*) AS n FROM api_keys').get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  }

  async function refuses(env: Record<string, string>, name: string) {
    const r = await runProcess(['src/node.ts'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`Invalid setting ${name}=${JSON.stringify(env[name])}: `);
    expect(r.stdout).not.toMatch(/lp_[A-Za-z0-9]{8}_/);
    return r;
  }

  it('names DATABASE_PATH when its folder cannot be created', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const r = await refuses({ DATABASE_PATH: join(file, 'x.db'), PORT: String(await freePort()) }, 'DATABASE_PATH');
    expect(r.stderr).toContain('cannot create its folder (EEXIST)');
  });

  it('names DATABASE_PATH when it is no file SQLite can open', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    const r = await refuses({ DATABASE_PATH: folder, PORT: String(await freePort()) }, 'DATABASE_PATH');
    expect(r.stderr).toContain('SQLITE_CANTOPEN');
  });

  it('names PORT when it is in use, and creates no key it could not print; the next start does', async () => {
    const fresh = join(dir, 'port-taken', 'linkpost.db');
    const { port, server } = await takenPort();
    try {
      const r = await refuses({ DATABASE_PATH: fresh, HOST: '127.0.0.1', PORT: String(port) }, 'PORT');
      expect(r.stderr).toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(storedKeys(fresh)).toBe(0);

    const s = await startServerProcess({ DATABASE_PATH: fresh });
    running.push(s);
    expect(s.output()).toMatch(/lp_[A-Za-z0-9]{8}_[A-Za-z0-9]+/);
    expect(await s.stop()).toBe(0);
    expect(storedKeys(fresh)).toBe(1);
  });

  it.each([
    ['203.0.113.7', 'not an address of this machine (EADDRNOTAVAIL)'],
    ['999.999.1.1', 'not a valid IP address'],
  ])('names HOST=%s and creates no key', async (host, reason) => {
    const fresh = join(dir, `host-${host}`, 'linkpost.db');
    const r = await refuses({ DATABASE_PATH: fresh, HOST: host, PORT: String(await freePort()) }, 'HOST');
    expect(r.stderr).toContain(reason);
    expect(storedKeys(fresh)).toBe(0);
  });

  it('waits for a database another process is writing to, rather than blaming DATABASE_PATH', async () => {
    const path = join(dir, 'busy', 'linkpost.db');
    mkdirSync(join(dir, 'busy'), { recursive: true });
    // A WAL database, as every earlier start leaves it, with a writer (say a CLI import) mid-transaction.
    const other = new Sqlite(path);
    other.pragma('journal_mode = WAL');
    other.exec('CREATE TABLE held (x); BEGIN IMMEDIATE; INSERT INTO held VALUES (1);');
    const release = setTimeout(() => other.exec('COMMIT'), 700);
    try {
      const s = await startServerProcess({ DATABASE_PATH: path });
      running.push(s);
      expect(s.output()).not.toContain('Invalid setting');
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    } finally {
      clearTimeout(release);
      other.close();
    }
  });

  it('reports a locked database as what it is, not as a bad DATABASE_PATH', async () => {
    // Not yet WAL and held by another writer: SQLite refuses the switch at once (no wait can help).
    const path = join(dir, 'locked', 'linkpost.db');
    mkdirSync(join(dir, 'locked'), { recursive: true });
    const other = new Sqlite(path);
    other.exec('CREATE TABLE held (x); BEGIN IMMEDIATE; INSERT INTO held VALUES (1);');
    try {
      const r = await runProcess(['src/node.ts'], { DATABASE_PATH: path, PORT: String(await freePort()) });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('database is locked');
      expect(r.stderr).not.toContain('Invalid setting');
    } finally {
      other.close();
    }
  });
});
