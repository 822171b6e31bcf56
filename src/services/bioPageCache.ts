import type { BioPageCache, BioPageWithLinks, LinkCache } from '../domain/index.js';

/**
 * Served bio pages by handle, for `ttlMs` (a miss for at most two seconds). Edits through
 * this process forget them at once; other processes or isolates converge within the TTL.
 */
export function createBioPageCache(ttlMs = 30_000, maxEntries = 1_000, clock = Date.now): BioPageCache {
  const entries = new Map<string, { page: BioPageWithLinks | null; until: number }>();
  return {
    get(handle) {
      const hit = entries.get(handle);
      if (!hit) return undefined;
      if (hit.until > clock()) return hit.page;
      entries.delete(handle);
      return undefined;
    },
    set(handle, page) {
      entries.delete(handle);
      entries.set(handle, { page, until: clock() + (page === null ? Math.min(ttlMs, 2_000) : ttlMs) });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    delete: (handle) => void entries.delete(handle),
    clear: () => entries.clear(),
  };
}

/**
 * The link cache the link verbs use, also forgetting served bio pages: the link verbs forget a
 * slug whenever its link is created, edited or deleted, and a page shows its links' titles
 * and states, so an edited or disabled link leaves or changes the page at once.
 */
export function linkCacheForgettingBioPages(linkCache: LinkCache, bioPageCache: BioPageCache): LinkCache {
  return {
    get: (slug) => linkCache.get(slug),
    set: (slug, link) => linkCache.set(slug, link),
    delete(slug) {
      linkCache.delete(slug);
      bioPageCache.clear();
    },
    clear() {
      linkCache.clear();
      bioPageCache.clear();
    },
  };
}
