import type { Visit } from '../domain/index.js';

export interface ClickWriterOptions {
  /** Enriches and stores one batch in one transaction. */
  record(visits: Visit[]): Promise<unknown>;
  /** Visits held in memory at most; beyond it new ones are dropped and the log says so. */
  maxQueue?: number;
  /** Visits per transaction at most. */
  maxBatch?: number;
  /**
   * How long visits gather before a write. Under load a turn of the event loop holds only a
   * few requests, and a transaction per turn spent more on commits than on clicks
   * (bench:redirect); a few milliseconds make batches of hundreds. SIGTERM drains first.
   */
  flushDelayMs?: number;
  log?: (message: string, err?: unknown) => void;
}

/**
 * The Node write path: redirects push visits, and every few milliseconds (at once when a
 * batch is full) the queue is written as one transaction, off the request path. A failing database keeps the batch
 * and retries with backoff; the bounded queue turns a long stall into logged drops
 * instead of unbounded memory.
 */
export function createClickWriter({
  record, maxQueue = 100_000, maxBatch = 2_000, flushDelayMs = 10, log = console.error,
}: ClickWriterOptions) {
  let queue: Visit[] = [];
  let flushing: Promise<void> | null = null;
  let scheduled = false;
  let dropped = 0;
  let lastDropLog = 0;
  let failures = 0;
  let written = 0;

  function schedule(delayMs = 0) {
    if (scheduled) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      void flush();
    };
    if (delayMs > 0) setTimeout(run, delayMs).unref();
    else setImmediate(run);
  }

  async function writeAll(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      try {
        await record(batch);
        queue = queue.slice(batch.length);
        written += batch.length;
        failures = 0;
        // What arrived during this write waits for the delay like any batch; sending it at once
        // made batches of ~75 under load, each paying a commit (bench:redirect).
        if (queue.length < maxBatch) return;
      } catch (err) {
        failures++;
        log(`click write failed (attempt ${failures}); ${queue.length} clicks waiting, will retry`, err);
        schedule(Math.min(5_000, 50 * 2 ** failures));
        return;
      }
    }
  }

  function flush(): Promise<void> {
    flushing ??= writeAll().finally(() => {
      flushing = null;
      if (queue.length > 0 && failures === 0) schedule(queue.length >= maxBatch ? 0 : flushDelayMs);
    });
    return flushing;
  }

  return {
    push(visit: Visit) {
      if (queue.length >= maxQueue) {
        dropped++;
        const now = Date.now();
        if (now - lastDropLog > 10_000) {
          lastDropLog = now;
          log(`click queue full (${maxQueue}): the database is not keeping up; ${dropped} clicks dropped so far`);
        }
        return;
      }
      queue.push(visit);
      schedule(queue.length >= maxBatch ? 0 : flushDelayMs);
    },
    /** Writes everything queued; for shutdown. Retries until empty or `deadlineMs` passes. */
    async drain(deadlineMs = 30_000): Promise<void> {
      const until = Date.now() + deadlineMs;
      while ((queue.length > 0 || flushing) && Date.now() < until) {
        await flush();
        if (queue.length > 0 && failures > 0) await new Promise((r) => setTimeout(r, 100));
      }
      if (queue.length > 0) log(`shutdown: ${queue.length} clicks could not be written`);
    },
    stats: () => ({ queued: queue.length, written, dropped }),
  };
}
export type ClickWriter = ReturnType<typeof createClickWriter>;
