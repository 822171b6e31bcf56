import type { BioPageViewCount, BioPageViewStore } from '../domain/index.js';

export interface BioPageViewBuffer extends BioPageViewStore {
  /** Writes what waits, as one batch. */
  flush(): Promise<void>;
  /** Stops the timer and writes what waits (shutdown). */
  close(): Promise<void>;
}

/**
 * Page views on Node, summed in memory and written once per `flushMs` in one batch: the request
 * thread then never waits for SQLite's write lock (the click thread holds it while it writes and
 * counts) once per view. Reads write what waits first, so they see every view so far.
 */
export function bufferBioPageViews(
  store: BioPageViewStore,
  log: (m: string, e?: unknown) => void,
  flushMs = 1_000,
): BioPageViewBuffer {
  let waiting = new Map<string, BioPageViewCount & { pageId: number }>();
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.size === 0) return writing;
    const rows = [...waiting.values()];
    waiting = new Map();
    writing = writing.then(() =>
      store.addAll(rows).catch((err) => {
        // The batch is one unit, so nothing of it was written: keep it for the next try.
        log('could not write bio page views; retrying', err);
        for (const r of rows) add(r.pageId, r.day, r.bot, r.views);
      }),
    );
    return writing;
  }

  function add(pageId: number, day: number, bot: boolean, views = 1) {
    const key = `${pageId}:${day}:${bot ? 1 : 0}`;
    const row = waiting.get(key);
    if (row) row.views += views;
    else waiting.set(key, { pageId, day, bot, views });
    if (!timer) {
      timer = setTimeout(() => void flush(), flushMs);
      timer.unref();
    }
  }

  return {
    async add(pageId, day, bot) {
      add(pageId, day, bot);
    },
    async addAll(counts) {
      for (const c of counts) add(c.pageId, c.day, c.bot, c.views);
    },
    async counts(pageId, fromDay, toDay) {
      await flush();
      return store.counts(pageId, fromDay, toDay);
    },
    flush,
    async close() {
      await flush();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
