import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { UA } from '../support/capture.js';
import { startServerProcess } from '../support/server.js';

const dir = tempDir('linkpost-capture-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ADMIN = 'admin-key-for-e2e-tests-0001';
const agents = [UA.chromeDesktop, UA.safariIphone, UA.instagramIphone, UA.facebookAndroid, UA.facebookPreview];
const addresses = ['81.2.69.160', '8.8.8.8', '203.0.113.9', '2001:db8::77'];

describe('capture on the real server', () => {
  it('loses no click when stopped with SIGTERM under load, and stores no address', async () => {
    const dbPath = join(dir, 'load.db');
    const s = await startServerProcess({ DATABASE_PATH: dbPath, ADMIN_API_KEY: ADMIN, TRUST_PROXY: 'true' });
    const created = await fetch(`${s.url}/api/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/', slug: 'load' }),
    });
    expect(created.status).toBe(201);

    let answered = 0;
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const i = n++;
        try {
          const res = await fetch(`${s.url}/load`, {
            redirect: 'manual',
            headers: {
              'user-agent': agents[i % agents.length]!,
              'x-forwarded-for': addresses[i % addresses.length]!,
              referer: i % 3 === 0 ? 'https://t.co/abc' : '',
            },
          });
          if (res.status === 302) answered++;
          await res.arrayBuffer();
        } catch {
          return; // the server has stopped accepting
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    await new Promise((r) => setTimeout(r, 1500));
    const code = await s.stop('SIGTERM');
    stop = true;
    await Promise.all(workers);

    expect(code).toBe(0);
    expect(answered).toBeGreaterThan(100);
    const db = new Sqlite(dbPath, { readonly: true });
    const stored = db.prepare('select count(*) from clicks').pluck().get();
    const humans = db.prepare('select human_clicks from links where slug = ?').pluck().get('load');
    const bots = db.prepare('select count(*) from clicks where bot = 1').pluck().get();
    const located = db.prepare("select count(*) from clicks where country = 'GB' and city = 'St Albans'").pluck().get();
    db.close();
    expect(stored).toBe(answered);
    expect(Number(humans) + Number(bots)).toBe(answered);
    expect(located).toBeGreaterThan(0); // geoip-lite placed 81.2.69.160

    const files = [dbPath, `${dbPath}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1'));
    for (const ip of addresses) for (const f of files) expect(f).not.toContain(ip);
    for (const ip of addresses) expect(s.output()).not.toContain(ip);
  });
});
