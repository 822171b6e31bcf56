/**
 * One database, several processes: a second server is refused, the CLI works beside a
 * running server, and its edits reach the server's redirects within a second.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LINK_SYNC_MS } from '../../src/node/server.js';
import { tempDir } from '../support/app.js';
import { freePort, runProcess, startServerProcess, type ServerProcess } from '../support/server.js';

const dir = tempDir('linkpost-e2e-processes-');
const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

const ADMIN = 'admin-key-for-e2e-tests-0001';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one database, several processes', () => {
  const path = join(dir, 'shared.db');
  let s: ServerProcess;

  it('refuses a second server on the same file with one line and a non-zero exit', async () => {
    s = await startServerProcess({ DATABASE_PATH: path, ADMIN_API_KEY: ADMIN });
    running.push(s);
    const second = await runProcess(['src/node.ts'], {
      DATABASE_PATH: path,
      ADMIN_API_KEY: ADMIN,
      PORT: String(await freePort()),
    });
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('another linkpost server is already running on'),
    ]);
    expect(second.stdout).not.toMatch(/listening on/);
    // The first one is untouched.
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('takes the file after the first server is killed, since the lock dies with its process', async () => {
    const other = join(dir, 'killed.db');
    const first = await startServerProcess({ DATABASE_PATH: other, ADMIN_API_KEY: ADMIN });
    running.push(first);
    await first.stop('SIGKILL');
    const next = await startServerProcess({ DATABASE_PATH: other, ADMIN_API_KEY: ADMIN });
    running.push(next);
    expect((await fetch(`${next.url}/healthz`)).status).toBe(200);
    expect(await next.stop()).toBe(0);
  });

  it('lets the CLI edit links beside the running server, and the edit reaches its redirects within a second', async () => {
    const created = await runProcess(
      ['src/cli/main.ts', 'links', 'create', '--url', 'https://example.com/a', '--slug', 'shared'],
      { DATABASE_PATH: path },
    );
    expect(created.code).toBe(0);
    // Cached by the server: the first redirect reads the link, the rest come from its cache.
    for (let i = 0; i < 3; i++) expect((await fetch(`${s.url}/shared`, { redirect: 'manual' })).status).toBe(302);

    // Disabled by another process, as the CLI or a second tool would: a plain UPDATE on the file.
    const Sqlite = (await import('better-sqlite3')).default;
    const other = new Sqlite(path, { timeout: 5_000 });
    const disabledAt = Date.now();
    other.prepare('UPDATE links SET disabled = 1, updated_at = ? WHERE slug = ?').run(disabledAt, 'shared');
    other.close();
    let status = 302;
    while (status === 302 && Date.now() - disabledAt < 5_000) {
      status = (await fetch(`${s.url}/shared`, { redirect: 'manual' })).status;
      if (status === 302) await sleep(20);
    }
    const lag = Date.now() - disabledAt;
    console.log(`a link disabled by another process stopped redirecting after ${lag} ms`);
    expect(status).toBe(410);
    expect(lag).toBeLessThanOrEqual(LINK_SYNC_MS + 500);
  });

  it('keeps its cache for clicks: the per-post count that each write moves is no edit', async () => {
    await runProcess(['src/cli/main.ts', 'links', 'create', '--url', 'https://example.com/b', '--slug', 'busy'], {
      DATABASE_PATH: path,
    });
    const person = {
      redirect: 'manual' as const,
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0' },
    };
    expect((await fetch(`${s.url}/busy`, person)).status).toBe(302);
    const Sqlite = (await import('better-sqlite3')).default;
    const db = new Sqlite(path, { readonly: true });
    const version = () => db.prepare('SELECT version FROM links_version').pluck().get() as number;
    const before = version();
    for (let i = 0; i < 20; i++) await fetch(`${s.url}/busy`, person);
    await sleep(300); // the clicks are written, human_clicks moved
    expect(db.prepare("SELECT human_clicks FROM links WHERE slug = 'busy'").pluck().get()).toBeGreaterThan(0);
    expect(version()).toBe(before);
    db.close();
  });
});
