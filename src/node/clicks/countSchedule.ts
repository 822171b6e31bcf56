import { silentLogger, type Logger } from '../../domain/index.js';

export interface CountingScheduleOptions {
  /** Quiet time after the last write before counting: a server at rest shows clicks at once. */
  idleMs?: number;
  /** Longest a written click waits to be counted under steady traffic. */
  maxDelayMs?: number;
  /** After a failed count, the wait before the next try; writes meanwhile do not add tries. */
  retryMs?: number;
  now?: () => number;
  logger?: Logger;
}

/**
 * When the click thread counts what it wrote: after a short pause in writes, and within
 * `maxDelayMs` while they keep coming. Counting five seconds of traffic at once makes far
 * fewer counter upserts than counting each write batch. A count
 * that throws leaves the clicks stored and uncounted; it is tried again every `retryMs`, with
 * one log line when it starts failing and one when it works again.
 */
export function createCountingSchedule(
  count: () => void,
  {
    idleMs = 20,
    maxDelayMs = 5_000,
    retryMs = 1_000,
    now = Date.now,
    logger = silentLogger,
  }: CountingScheduleOptions = {},
) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let waitingSince: number | null = null;
  let failures = 0;
  /** After stop(): the database is closing, and a count then would fail and retry for ever. */
  let stopped = false;

  function arm(ms: number) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
  }

  function run() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    try {
      count();
    } catch (err) {
      if (failures++ === 0) logger.error(`counting clicks failed; trying again every ${retryMs} ms`, { err });
      arm(retryMs);
      return;
    }
    if (failures > 0) logger.info(`counting clicks works again, after ${failures} failed tries`);
    failures = 0;
    waitingSince = null;
  }

  /** Last count before shutdown, if clicks wait or the last try failed; no retry after it. */
  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waitingSince === null && failures === 0) return;
    waitingSince = null;
    try {
      count();
    } catch (err) {
      logger.error('counting clicks failed at shutdown; the next start counts them', { err });
    }
  }

  return {
    /** Clicks were written. */
    written() {
      if (failures > 0 || stopped) return; // the retry is already set, or shutdown counted last
      const t = now();
      waitingSince ??= t;
      const left = waitingSince + maxDelayMs - t;
      if (left <= 0) return run();
      arm(Math.min(idleMs, left));
    },
    /** Counts now (start-up: what a crash left). */
    countNow: run,
    /**
     * Shutdown: flush(), then no count or retry ever, not even one queued before (the click
     * thread's next run of a backlog, which would find the database closed).
     */
    stop() {
      flush();
      stopped = true;
    },
    flush,
  };
}
