import { eq, lte } from 'drizzle-orm';
import type { ThrottleState, ThrottleStore } from '../domain/index.js';
import type { Database } from './database.js';
import { throttle } from './schema.js';

/**
 * Throttle states in SQLite, for Workers (D1): every isolate sees the same counts and blocks.
 * Keys are client tags (HMACs) or key ids, never addresses. An update is a read then an
 * upsert; isolates racing on one client can lose a count, which shifts a block by an attempt.
 */
export function createSqlThrottleStore(db: Database): ThrottleStore {
  async function get(key: string, now: number): Promise<ThrottleState | null> {
    const [row] = await db.select().from(throttle).where(eq(throttle.key, key)).limit(1);
    if (!row || row.expiresAt <= now) return null;
    const { key: _key, expiresAt: _expires, ...state } = row;
    return state;
  }
  return {
    get,
    async update(key, now, change) {
      const current = await get(key, now);
      const next = change(current);
      if (!next) return current;
      const values = { ...next.state, expiresAt: next.expiresAt };
      await db
        .insert(throttle)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: throttle.key, set: values })
        .returning({ key: throttle.key });
      return next.state;
    },
    async prune(now) {
      await db.delete(throttle).where(lte(throttle.expiresAt, now)).returning({ key: throttle.key });
    },
  };
}
