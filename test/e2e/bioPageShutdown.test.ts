import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { UA } from '../support/capture.js';
import { startServerProcess } from '../support/server.js';

const ADMIN = 'admin-key-for-bio-shutdown-e2e-1';
const dir = tempDir('linkpost-bio-stop-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('page views across a shutdown on Node', () => {
  it('saves the views answered up to SIGTERM', { timeout: 90_000 }, async () => {
    const env = { DATABASE_PATH: join(dir, 'stop.db'), ADMIN_API_KEY: ADMIN };
    const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    let server = await startServerProcess(env);
    await fetch(`${server.url}/api/bio-pages`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ handle: 'stop', title: 'Stop', links: [] }),
    });
    for (let i = 0; i < 7; i++)
      expect((await fetch(`${server.url}/@stop`, { headers: { 'user-agent': UA.safariIphone } })).status).toBe(200);
    expect(await server.stop('SIGTERM')).toBe(0);
    server = await startServerProcess(env);
    try {
      const stats = (await (
        await fetch(`${server.url}/api/bio-pages/stop/stats?days=2`, { headers: auth })
      ).json()) as any;
      expect(stats.views).toEqual({ people: 7, bots: 0 });
    } finally {
      await server.stop();
    }
  });
});
