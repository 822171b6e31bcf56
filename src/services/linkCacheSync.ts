import type { LinkCache, LinkVersionReader } from '../domain/index.js';

/**
 * Keeps a process's link cache in step with edits made elsewhere (the CLI, another process):
 * each check reads the links version and empties the cache when it moved. The caller decides
 * how often (Node: every second). A failed read keeps the cache; the next check tries again.
 */
export function createLinkCacheSync({ versions, linkCache }: { versions: LinkVersionReader; linkCache: LinkCache }) {
  let seen: number | null = null;
  return {
    /** Returns whether the cache was emptied. */
    async check(): Promise<boolean> {
      const now = await versions.current();
      const moved = seen !== null && now !== seen;
      seen = now;
      if (moved) linkCache.clear();
      return moved;
    },
  };
}
