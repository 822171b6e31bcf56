import { utcDay, type VisitorSaltStore } from '../domain/index.js';
import { createLru } from './lru.js';
import { randomToken } from './secret.js';

const DAY_MS = 86_400_000;

/**
 * Visitor keys: HMAC-SHA-256 of (address, user agent) under a random salt per UTC day.
 * The same person gets the same key all day and an unrelated one the next; salts older than
 * two days are deleted, so nobody can recompute or link old keys.
 */
export function createVisitorKeys(salts: VisitorSaltStore, recentEntries = 10_000) {
  const keys = new Map<string, Promise<CryptoKey>>();

  function keyFor(day: string, now: number): Promise<CryptoKey> {
    let key = keys.get(day);
    if (!key) {
      key = (async () => {
        const salt = await salts.saltFor(day, randomToken(43), now);
        // A new day: forget old salts here and in the database.
        const oldest = utcDay(now - 2 * DAY_MS);
        await salts.pruneBefore(oldest);
        for (const d of keys.keys()) if (d < oldest) keys.delete(d);
        return crypto.subtle.importKey(
          'raw',
          new TextEncoder().encode(salt),
          { name: 'HMAC', hash: 'SHA-256' },
          false,
          ['sign'],
        );
      })();
      key.catch(() => keys.delete(day)); // a failed lookup is retried on the next click
      keys.set(day, key);
    }
    return key;
  }

  // Real traffic repeats (address, agent) pairs within a day; remember recent answers in memory.
  const recent = createLru<string, string>(recentEntries);

  return async function visitorKey(address: string | null, userAgent: string, at: number): Promise<string> {
    const day = utcDay(at);
    const input = `${address ?? ''}\n${userAgent}`;
    const hit = recent.get(`${day}\n${input}`);
    if (hit) return hit;
    const key = await keyFor(day, at);
    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(input));
    // 16 bytes are plenty to tell visitors apart and keep the index small.
    const visitor = [...new Uint8Array(mac, 0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
    recent.set(`${day}\n${input}`, visitor);
    return visitor;
  };
}
export type VisitorKeys = ReturnType<typeof createVisitorKeys>;
