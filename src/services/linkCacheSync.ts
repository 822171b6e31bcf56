import type { LinkCache, LinkVersionReader } from '../domain/index.js';

/**
 * Keeps a process's link cache in step with edits made elsewhere (the CLI, another process):
 * each check reads the links version and empties the cache when it moved. The caller decides
 * how often (Node: every second; a Worker isolate: after a request, at most once a second). A failed read keeps the cache; the next check tries again.
 */
export function createLinkCacheSync(linkCache: LinkCache) {
  let seen: number | null = null;
  return {
    /** Reads the version through `versions` (D1's is per request); returns whether the cache was emptied. */
    async check(versions: LinkVersionReader): Promise<boolean> {
      const now = await versions.current();
      const moved = seen !== null && now !== seen;
      seen = now;
      if (moved) linkCache.clear();
      return moved;
    },
  };
}
