import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCountingSchedule } from '../../../src/node/clicks/countSchedule.js';
import { silentLogger } from '../../../src/domain/index.js';

const IDLE = 20;
const MAX_DELAY = 1_000;

/** A schedule on fake timers whose clock is the fake one; `counts` holds the time of each count. */
function schedule() {
  const counts: number[] = [];
  const s = createCountingSchedule(() => void counts.push(Date.now()), {
    idleMs: IDLE,
    maxDelayMs: MAX_DELAY,
    now: () => Date.now(),
  });
  return { ...s, counts };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the counting schedule', () => {
  it('counts once, idleMs after the last of several writes, and not before', () => {
    const s = schedule();
    s.written();
    vi.advanceTimersByTime(15);
    s.written();
    vi.advanceTimersByTime(15);
    s.written(); // t = 30: the last write
    vi.advanceTimersByTime(IDLE - 1);
    expect(s.counts).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(s.counts).toEqual([30 + IDLE]);
    vi.advanceTimersByTime(10 * MAX_DELAY);
    expect(s.counts).toHaveLength(1);
  });

  it.each([10, 15, 19])(
    'under a write every %i ms for 2.5 s counts in runs, and no write waits longer than maxDelayMs',
    (every) => {
      const s = schedule();
      const writes: number[] = [];
      for (let t = 0; t < 2_500; t += every) {
        writes.push(Date.now());
        s.written();
        vi.advanceTimersByTime(every);
      }
      // Never a pause of idleMs while the writes came: only maxDelayMs made it count.
      const whileWriting = s.counts.length;
      expect(whileWriting).toBeGreaterThanOrEqual(2);
      expect(whileWriting).toBeLessThanOrEqual(2_500 / MAX_DELAY);
      vi.advanceTimersByTime(IDLE);
      expect(s.counts.length).toBe(whileWriting + 1); // the tail, once the writes stopped
      for (const w of writes) {
        const countedAt = s.counts.find((c) => c >= w);
        expect(countedAt, `write at ${w}`).toBeDefined();
        expect(countedAt! - w, `write at ${w}`).toBeLessThanOrEqual(MAX_DELAY);
      }
      const gaps = s.counts.slice(1).map((c, i) => c - s.counts[i]!);
      // A run starts at its first write, so counts are maxDelayMs apart plus at most one write gap.
      for (const g of gaps) expect(g).toBeLessThanOrEqual(MAX_DELAY + every);
    },
  );

  it('flush() counts at once when clicks wait, and the pending wait is over', () => {
    const s = schedule();
    vi.advanceTimersByTime(5);
    s.written();
    vi.advanceTimersByTime(5);
    s.flush();
    expect(s.counts).toEqual([10]);
    vi.advanceTimersByTime(10 * MAX_DELAY);
    expect(s.counts).toEqual([10]);
  });

  it('flush() does nothing when nothing waits: neither at first nor after a count', () => {
    const s = schedule();
    s.flush();
    expect(s.counts).toEqual([]);
    s.written();
    vi.advanceTimersByTime(IDLE);
    expect(s.counts).toEqual([IDLE]);
    s.flush();
    vi.advanceTimersByTime(10 * MAX_DELAY);
    expect(s.counts).toEqual([IDLE]);
  });

  it('counts nothing after stop(), not even a run queued before it, so a closed database sets no retry that keeps the thread alive', () => {
    const tries: number[] = [];
    let closed = false;
    const s = createCountingSchedule(
      () => {
        tries.push(Date.now());
        if (closed) throw new Error('The database connection is not open');
      },
      { idleMs: IDLE, maxDelayMs: MAX_DELAY, retryMs: 100, now: () => Date.now(), logger: silentLogger },
    );
    s.written();
    vi.advanceTimersByTime(5);
    s.stop(); // shutdown: the last count, then the database closes
    closed = true;
    expect(tries).toEqual([5]);
    // What the click thread queued with setImmediate after a full run, and a late write.
    s.countNow();
    s.written();
    vi.advanceTimersByTime(10 * MAX_DELAY);
    expect(tries).toEqual([5]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('starts a new wait with a write after a count', () => {
    const s = schedule();
    s.written();
    vi.advanceTimersByTime(IDLE);
    expect(s.counts).toEqual([IDLE]);
    vi.advanceTimersByTime(480);
    s.written(); // t = 500
    vi.advanceTimersByTime(IDLE - 1);
    expect(s.counts).toEqual([IDLE]);
    vi.advanceTimersByTime(1);
    expect(s.counts).toEqual([IDLE, 500 + IDLE]);
  });

  it('starts a new maxDelayMs wait after a count forced by steady writes', () => {
    const s = schedule();
    for (let t = 0; t <= MAX_DELAY; t += 10) {
      s.written();
      vi.advanceTimersByTime(10);
    }
    expect(s.counts).toEqual([MAX_DELAY]);
    // The next write is the first of a new wait, not already maxDelayMs late.
    s.written();
    expect(s.counts).toEqual([MAX_DELAY]);
    vi.advanceTimersByTime(IDLE);
    expect(s.counts).toEqual([MAX_DELAY, MAX_DELAY + 10 + IDLE]);
  });

  describe('when counting fails', () => {
    const RETRY = 1_000;
    /** A schedule whose count throws while `failing` is set; `tries` holds the time of each try. */
    function failingSchedule() {
      const state = { failing: true, tries: [] as number[], logs: [] as string[] };
      const s = createCountingSchedule(
        () => {
          state.tries.push(Date.now());
          if (state.failing) throw new Error('SQLITE_BUSY');
        },
        {
          idleMs: IDLE,
          maxDelayMs: MAX_DELAY,
          retryMs: RETRY,
          now: () => Date.now(),
          logger: { ...silentLogger, error: (m) => void state.logs.push(m), info: (m) => void state.logs.push(m) },
        },
      );
      return { ...s, state };
    }

    it('tries again once per retryMs however many writes come, and logs the spell once', () => {
      const s = failingSchedule();
      s.written();
      vi.advanceTimersByTime(IDLE); // the first try fails
      for (let t = 0; t < 3_500; t += 10) {
        s.written(); // writes go on while counting fails
        vi.advanceTimersByTime(10);
      }
      expect(s.state.tries).toEqual([IDLE, IDLE + RETRY, IDLE + 2 * RETRY, IDLE + 3 * RETRY]);
      expect(s.state.logs).toHaveLength(1);
      expect(s.state.logs[0]).toMatch(/counting clicks failed/);

      s.state.failing = false;
      vi.advanceTimersByTime(RETRY);
      expect(s.state.tries.at(-1)).toBe(IDLE + 4 * RETRY);
      expect(s.state.logs[1]).toMatch(/works again, after 4 failed tries/);
      // Back to the normal schedule: a write is counted idleMs later.
      s.written();
      vi.advanceTimersByTime(IDLE);
      expect(s.state.tries).toHaveLength(6);
      vi.advanceTimersByTime(10 * RETRY);
      expect(s.state.tries).toHaveLength(6);
    });

    it('flush() tries once more after a failure, and sets no retry after it', () => {
      const s = failingSchedule();
      s.countNow(); // the start-up count fails
      expect(s.state.tries).toEqual([0]);
      vi.advanceTimersByTime(RETRY / 2);
      s.flush();
      expect(s.state.tries).toEqual([0, RETRY / 2]);
      expect(s.state.logs.at(-1)).toMatch(/failed at shutdown/);
      vi.advanceTimersByTime(10 * RETRY);
      expect(s.state.tries).toHaveLength(2);
    });
  });
});
