import type { ThrottleState, ThrottleStore } from '../domain/index.js';

/**
 * Throttle states in this process's memory (Node, one server per database): atomic updates,
 * bounded size. When full, the states that changed longest ago go first.
 */
export function createMemoryThrottleStore(maxEntries = 100_000): ThrottleStore {
  const map = new Map<string, { state: ThrottleState; expiresAt: number }>();
  const live = (key: string, now: number) => {
    const entry = map.get(key);
    if (entry && entry.expiresAt <= now) map.delete(key);
    return entry && entry.expiresAt > now ? entry.state : null;
  };
  return {
    async get(key, now) {
      return live(key, now);
    },
    async update(key, now, change) {
      const next = change(live(key, now));
      if (!next) return live(key, now);
      map.delete(key);
      map.set(key, next);
      if (map.size > maxEntries) map.delete(map.keys().next().value as string);
      return next.state;
    },
    async prune(now) {
      for (const [key, entry] of map) if (entry.expiresAt <= now) map.delete(key);
    },
  };
}
