import { silentLogger, type Logger, type Visit } from '../../domain/index.js';
import { repeatedLog } from '../../services/index.js';

export interface VisitQueueOptions {
  /** Enriches and stores one batch in one transaction. */
  record(visits: Visit[]): Promise<unknown>;
  /** Visits held in memory at most; beyond it new ones are dropped, counted and logged. */
  maxQueue?: number;
  /**
   * Bytes the waiting visits may hold, about (their header text and a fixed part each): a
   * stall under hostile traffic with 16 KB headers must not outgrow the heap `npm start` sets.
   */
  maxQueueBytes?: number;
  /** Visits per transaction at most. */
  maxBatch?: number;
  /**
   * How long visits gather before a write: most of what a crash can lose (docs/operations.md),
   * so it is short. Under load a write takes about as long, and visits that arrive meanwhile
   * make the next batch, so batches still hold tens to hundreds (a transaction per event-loop
   * turn spends more on commits than on clicks). SIGTERM drains first.
   */
  flushDelayMs?: number;
  /** First wait after a failed write; it doubles up to `maxBackoffMs`, whatever traffic comes. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** One log line per window while writes fail or clicks are dropped. */
  logWindowMs?: number;
  logger?: Logger;
  /** Told when a write fails and when one works, for /healthz. */
  onFailure?: () => void;
  onSuccess?: () => void;
  now?: () => number;
}

/**
 * The Node write path: redirects push visits, and within `flushDelayMs` of the oldest one
 * (at once when a batch is full) the queue is written as one transaction, off the request
 * path. A failing database keeps the batch and retries with a backoff that pushes do not cut
 * short; the bounded queue turns a long stall into counted drops instead of unbounded memory.
 */
export function createVisitQueue({
  record,
  maxQueue = 100_000,
  maxQueueBytes = 32 * 1024 * 1024,
  maxBatch = 2_000,
  flushDelayMs = 2,
  backoffMs = 100,
  maxBackoffMs = 2_000,
  logWindowMs = 10_000,
  logger = silentLogger,
  onFailure,
  onSuccess,
  now = Date.now,
}: VisitQueueOptions) {
  let queue: Visit[] = [];
  let queuedBytes = 0;
  /** When the oldest visit not in a write yet arrived; null when there is none. */
  let pendingSince: number | null = null;
  let flushing: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let timerAt = Infinity;
  /** While writes fail: no write before this time, however many visits arrive. */
  let retryAt = 0;
  let failures = 0;
  let dropped = 0;
  let written = 0;
  const drops = repeatedLog(
    logger,
    'error',
    `click queue full (${maxQueue} waiting or ${Math.round(maxQueueBytes / 2 ** 20)} MB): new clicks are dropped until the database keeps up`,
    { windowMs: logWindowMs },
  );
  const writeFailures = repeatedLog(
    logger,
    'error',
    'click write failed; the clicks wait in memory and the write is retried',
    { windowMs: logWindowMs },
  );

  /** Sets the next write for `at` (ms since epoch), unless one is due sooner. */
  function wake(at: number) {
    if (flushing) return; // the write in flight decides what comes next
    at = Math.max(at, retryAt);
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    const run = () => {
      timer = null;
      timerAt = Infinity;
      void flush();
    };
    timer = setTimeout(run, Math.max(0, at - now()));
    timer.unref?.();
  }

  async function writeOne(): Promise<boolean> {
    const batch = queue.slice(0, maxBatch);
    const since = pendingSince;
    // Visits that arrive during the write wait from their own arrival, not from its end.
    if (queue.length <= maxBatch) pendingSince = null;
    try {
      await record(batch);
    } catch (err) {
      pendingSince = since;
      failures++;
      retryAt = now() + Math.min(maxBackoffMs, backoffMs * 2 ** (failures - 1));
      writeFailures.report({ waiting: queue.length, dropped, attempt: failures, err });
      onFailure?.();
      return false;
    }
    queue = queue.slice(batch.length);
    for (const v of batch) queuedBytes -= bytesOf(v);
    written += batch.length;
    if (failures > 0) {
      writeFailures.flush();
      logger.info('click writes work again', { failedAttempts: failures, waiting: queue.length, dropped });
    }
    failures = 0;
    retryAt = 0;
    onSuccess?.();
    return true;
  }

  function flush(): Promise<void> {
    // A timer can fire a millisecond before Date.now() reaches retryAt; it then sets the next
    // one, or nothing would wake the writer again while a full queue turns pushes away.
    if (now() < retryAt) {
      if (queue.length > 0) wake(retryAt);
      return Promise.resolve();
    }
    flushing ??= (async () => {
      // Full batches go at once; a partial one only when its oldest visit has waited enough.
      while (queue.length > 0 && (await writeOne()) && queue.length >= maxBatch);
    })().finally(() => {
      flushing = null;
      if (queue.length === 0) return;
      if (failures > 0) wake(retryAt);
      else wake(queue.length >= maxBatch ? now() : (pendingSince ?? now()) + flushDelayMs);
    });
    return flushing;
  }

  return {
    push(visit: Visit) {
      const bytes = bytesOf(visit);
      if (queue.length >= maxQueue || queuedBytes + bytes > maxQueueBytes) {
        dropped++;
        drops.report({ dropped, waiting: queue.length, waitingMb: Math.round(queuedBytes / 1e5) / 10 });
        return;
      }
      pendingSince ??= now();
      queuedBytes += bytes;
      queue.push(visit);
      wake(queue.length >= maxBatch ? now() : pendingSince + flushDelayMs);
    },
    /** Writes everything queued; for shutdown. Retries until empty or `deadlineMs` passes. */
    async drain(deadlineMs = 30_000): Promise<void> {
      const until = now() + deadlineMs;
      retryAt = 0;
      while ((queue.length > 0 || flushing) && now() < until) {
        await (flushing ?? flush());
        if (queue.length > 0 && failures > 0) {
          await new Promise((r) => setTimeout(r, 100));
          retryAt = 0;
        }
      }
      drops.flush();
      writeFailures.flush();
      if (queue.length > 0) logger.error('shutdown: clicks could not be written', { lost: queue.length, dropped });
    },
    stats: () => ({ queued: queue.length, written, dropped }),
  };
}
export type VisitQueue = ReturnType<typeof createVisitQueue>;

/** A waiting visit's heap, about: its strings at two bytes a character at most, and the object. */
const bytesOf = (v: Visit) =>
  256 + 2 * (v.userAgent.length + v.referrer.length + (v.utmSource?.length ?? 0) + (v.address?.length ?? 0));
