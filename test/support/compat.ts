import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './app.js';
import { startServerProcess, type ServerProcess } from './server.js';

export const COMPAT_KEY = 'admin-key-for-compat-e2e-00001';

/** The real server (npm start's entry) on loopback with its own database and a known key. */
export async function startCompatServer(): Promise<ServerProcess & { close(): Promise<void> }> {
  const dir = tempDir('linkpost-compat-');
  const server = await startServerProcess({
    DATABASE_PATH: join(dir, 'compat.db'),
    ADMIN_API_KEY: COMPAT_KEY,
    TRUST_PROXY: 'true',
  });
  return {
    ...server,
    async close() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `probe` returns a value, for what happens after a response (click writes). */
export async function eventually<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A redirect as a browser at `address` would make it. */
export const visit = (base: string, slug: string, ua: string, address: string) =>
  fetch(`${base}/${slug}`, { redirect: 'manual', headers: { 'user-agent': ua, 'x-forwarded-for': address } });
