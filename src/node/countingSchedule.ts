export interface CountingScheduleOptions {
  /** Quiet time after the last write before counting: a server at rest shows clicks at once. */
  idleMs?: number;
  /** Longest a written click waits to be counted under steady traffic. */
  maxDelayMs?: number;
  now?: () => number;
}

/**
 * When the click thread counts what it wrote: after a short pause in writes, and at least
 * every `maxDelayMs` while they keep coming. Counting a second of traffic at once makes
 * about a fifth of the counter upserts that counting each write batch did (bench:redirect).
 */
export function createCountingSchedule(count: () => void, { idleMs = 20, maxDelayMs = 1_000, now = Date.now }: CountingScheduleOptions = {}) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let waitingSince: number | null = null;

  function run() {
    if (timer) clearTimeout(timer);
    timer = null;
    waitingSince = null;
    count();
  }

  return {
    /** Clicks were written. */
    written() {
      const t = now();
      waitingSince ??= t;
      const left = waitingSince + maxDelayMs - t;
      if (left <= 0) return run();
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, Math.min(idleMs, left));
    },
    /** Counts whatever waits, now (shutdown). */
    flush() {
      if (waitingSince !== null) run();
    },
  };
}
