import type { Link, LinkCache } from '../domain/index.js';

/**
 * How long a miss is remembered. Short: it only blunts a flood of one unknown slug, and a link
 * made by another process (the CLI, another isolate) must start redirecting at once.
 */
export const MISS_TTL_MS = 2_000;

/**
 * A bounded LRU of slug → link (null remembers a miss), with a time-to-live so that
 * several processes or isolates sharing one database converge after an edit.
 */
export function createLinkCache(maxEntries = 10_000, ttlMs = 60_000, clock = Date.now): LinkCache {
  const entries = new Map<string, { link: Link | null; until: number }>();
  return {
    get(slug) {
      const hit = entries.get(slug);
      if (!hit) return undefined;
      if (hit.until <= clock()) {
        entries.delete(slug);
        return undefined;
      }
      entries.delete(slug);
      entries.set(slug, hit); // most recently used goes last
      return hit.link;
    },
    set(slug, link) {
      entries.delete(slug);
      entries.set(slug, { link, until: clock() + (link === null ? Math.min(ttlMs, MISS_TTL_MS) : ttlMs) });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    delete(slug) {
      entries.delete(slug);
    },
    clear() {
      entries.clear();
    },
  };
}
