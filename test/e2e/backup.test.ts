/** linkpost backup PATH beside a running server under traffic, and the documented restore. */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { runProcess, startServerProcess, type ServerProcess } from '../support/server.js';

const dir = tempDir('linkpost-e2e-backup-');
const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

const ADMIN = 'admin-key-for-e2e-tests-0001';
const path = join(dir, 'live.db');
const backup = join(dir, 'backups', 'copy.db');
const person = {
  redirect: 'manual' as const,
  headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0' },
};

describe('backup and restore', () => {
  it('copies the live database while the server writes clicks, and checks the copy', async () => {
    const s = await startServerProcess({ DATABASE_PATH: path, ADMIN_API_KEY: ADMIN });
    running.push(s);
    const created = await fetch(`${s.url}/api/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/', slug: 'kept' }),
    });
    expect(created.status).toBe(201);
    let traffic = true;
    const clicking = (async () => {
      while (traffic) await (await fetch(`${s.url}/kept`, person)).arrayBuffer();
    })();
    await new Promise((r) => setTimeout(r, 300));
    const r = await runProcess(['src/cli/main.ts', 'backup', backup], { DATABASE_PATH: path });
    traffic = false;
    await clicking;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Backed up 1 links and [\d,]+ clicks to .*copy\.db in [\d.]+ s; integrity check: ok\.\n$/,
    );

    const copy = new Sqlite(backup, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT slug FROM links').pluck().all()).toEqual(['kept']);
    copy.close();
    // Never over an existing file.
    const again = await runProcess(['src/cli/main.ts', 'backup', backup], { DATABASE_PATH: path });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(await s.stop()).toBe(0);
  });

  it('restores by stopping the server and putting the copy in place of the file', async () => {
    const restored = join(dir, 'restored.db');
    copyFileSync(backup, restored);
    expect(existsSync(`${restored}-wal`)).toBe(false);
    const s = await startServerProcess({ DATABASE_PATH: restored, ADMIN_API_KEY: ADMIN });
    running.push(s);
    expect((await fetch(`${s.url}/kept`, person)).status).toBe(302);
    expect(await s.stop()).toBe(0);
  });
});
