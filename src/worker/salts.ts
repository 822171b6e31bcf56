import type { VisitorSaltStore } from '../domain/index.js';

/**
 * Remembers, per isolate, the salt of each day and which day was last pruned, so a click costs
 * no salt query once an isolate has seen its first one. Only strings live here, never a
 * database: each request wraps its own store with `wrap`.
 */
export function createSaltMemo(maxDays = 3) {
  const salts = new Map<string, string>();
  let prunedBefore = '';
  return {
    wrap(store: VisitorSaltStore): VisitorSaltStore {
      return {
        async saltFor(day, candidate, now) {
          const known = salts.get(day);
          if (known !== undefined) return known;
          const salt = await store.saltFor(day, candidate, now);
          salts.set(day, salt);
          if (salts.size > maxDays) salts.delete([...salts.keys()].sort()[0]!);
          return salt;
        },
        async pruneBefore(day) {
          if (day <= prunedBefore) return;
          await store.pruneBefore(day);
          prunedBefore = day;
          for (const d of salts.keys()) if (d < day) salts.delete(d);
        },
      };
    },
  };
}
