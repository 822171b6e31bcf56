import { describe, expect, it, vi } from 'vitest';
import type { Visit } from '../../../src/domain/index.js';
import { createVisitQueue } from '../../../src/node/clicks/queue.js';
import { memoryLogger } from '../../support/logs.js';

const visit = (n: number): Visit => ({
  linkId: 1,
  at: n,
  address: null,
  userAgent: '',
  referrer: '',
  utmSource: null,
  qr: false,
  prefetch: false,
});
const tick = () => new Promise((r) => setImmediate(r));

describe('the Node click writer', () => {
  it('writes everything pushed in one event-loop turn as one batch', async () => {
    const batches: number[] = [];
    const w = createVisitQueue({ record: async (v) => void batches.push(v.length), logger: memoryLogger() });
    for (let i = 0; i < 5; i++) w.push(visit(i));
    expect(batches).toEqual([]); // nothing written on the request path
    await tick();
    await w.drain();
    expect(batches).toEqual([5]);
    expect(w.stats()).toMatchObject({ written: 5, queued: 0 });
  });

  it('lets visits that arrive during a write wait the flush delay, so batches fill under load', async () => {
    const batches: number[] = [];
    let release!: () => void;
    const w = createVisitQueue({
      record: (v) => {
        batches.push(v.length);
        return batches.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
      flushDelayMs: 50,
      logger: memoryLogger(),
    });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (let i = 0; i < 3; i++) w.push(visit(i));
    await sleep(60); // the writer's 50 ms timer is due first
    expect(batches).toEqual([3]);
    for (let i = 0; i < 5; i++) w.push(visit(i)); // while the first write is in flight
    release();
    await tick();
    await tick();
    expect(batches).toEqual([3]); // not sent back to back with the first
    await sleep(60);
    expect(batches).toEqual([3, 5]);
    await w.drain();
  });

  it('sends a visit that arrives during a write within flushDelayMs of its arrival, not a whole delay after the write', async () => {
    // What a crash can lose is what waits: each visit waits at most the delay, wherever it lands.
    vi.useFakeTimers({ now: 0 });
    try {
      const sent: { at: number; size: number }[] = [];
      const w = createVisitQueue({
        record: async (v) => {
          sent.push({ at: Date.now(), size: v.length });
          await new Promise((r) => setTimeout(r, 40)); // a slow write
        },
        flushDelayMs: 50,
        logger: memoryLogger(),
      });
      w.push(visit(0));
      await vi.advanceTimersByTimeAsync(55); // the first write started at 50
      expect(sent).toEqual([{ at: 50, size: 1 }]);
      w.push(visit(1)); // at 55, during the write, which ends at 90
      await vi.advanceTimersByTimeAsync(200);
      // At 105 = its arrival + 50, not 140 = the end of the write + 50.
      expect(sent).toEqual([
        { at: 50, size: 1 },
        { at: 105, size: 1 },
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('splits large queues into batches of maxBatch', async () => {
    const batches: number[] = [];
    const w = createVisitQueue({
      record: async (v) => void batches.push(v.length),
      maxBatch: 4,
      logger: memoryLogger(),
    });
    for (let i = 0; i < 10; i++) w.push(visit(i));
    await w.drain();
    expect(batches).toEqual([4, 4, 2]);
  });

  it('keeps a failed batch and retries it, losing nothing', async () => {
    let fail = 2;
    const written: number[] = [];
    const logger = memoryLogger();
    const w = createVisitQueue({
      record: async (v) => {
        if (fail-- > 0) throw new Error('SQLITE_BUSY');
        written.push(...v.map((x) => x.at));
      },
      logger,
    });
    for (let i = 0; i < 3; i++) w.push(visit(i));
    await w.drain(5_000);
    expect(written).toEqual([0, 1, 2]);
    expect(logger.messages().some((l) => l.includes('write is retried'))).toBe(true);
  });

  it('retries after a failure even when the retry timer fires before the clock reaches the backoff', async () => {
    // Node's timers run on a coarse loop clock and may fire a millisecond before Date.now() says
    // the time has come; with a full queue no push wakes the writer, so the timer must re-arm.
    let lag = 0;
    const now = () => Date.now() - lag;
    let fail = true;
    const written: number[] = [];
    const w = createVisitQueue({
      record: async (v) => {
        if (fail) throw new Error('SQLITE_FULL');
        written.push(...v.map((x) => x.at));
      },
      maxQueue: 2,
      backoffMs: 20,
      maxBackoffMs: 20,
      flushDelayMs: 1,
      now,
      logger: memoryLogger(),
    });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    w.push(visit(0));
    w.push(visit(1));
    await sleep(10); // the first write failed; the retry is due 20 ms later
    lag = 5; // every timer now fires before the writer's clock says the backoff is over
    w.push(visit(2)); // dropped: the queue is full, so no push wakes the writer
    await sleep(40);
    fail = false;
    lag = 0;
    await sleep(60);
    expect(written).toEqual([0, 1]);
    expect(w.stats()).toEqual({ queued: 0, written: 2, dropped: 1 });
  });

  it('bounds the queue when the database stalls, and says so in the log', async () => {
    const logger = memoryLogger();
    let release!: () => void;
    const stalled = new Promise<void>((r) => (release = r));
    const w = createVisitQueue({ record: () => stalled, maxQueue: 3, logger });
    for (let i = 0; i < 10; i++) w.push(visit(i));
    expect(w.stats()).toMatchObject({ queued: 3, dropped: 7 });
    // One line at the first drop (not one per click), naming the bound and the count so far.
    expect(logger.lines.map((l) => [l.message, l.fields.dropped])).toEqual([
      ['click queue full (3 waiting or 32 MB): new clicks are dropped until the database keeps up', 1],
    ]);
    release();
    await w.drain();
  });

  it('bounds the bytes waiting too, so long headers cannot outgrow the heap during a stall', async () => {
    let release!: () => void;
    const stalled = new Promise<void>((r) => (release = r));
    const written: number[] = [];
    const w = createVisitQueue({
      record: async (v) => {
        await stalled;
        written.push(...v.map((x) => x.at));
      },
      maxQueueBytes: 100_000,
      logger: memoryLogger(),
    });
    // 16 KB of headers a visit, as Node's parser lets through: about 33 KB each in the heap.
    const long = (n: number): Visit => ({ ...visit(n), userAgent: 'x'.repeat(8_000), referrer: 'y'.repeat(8_000) });
    for (let i = 0; i < 10; i++) w.push(long(i));
    expect(w.stats()).toMatchObject({ queued: 3, dropped: 7 });
    w.push(visit(10)); // a short visit still fits beside them
    expect(w.stats()).toMatchObject({ queued: 4, dropped: 7 });
    release();
    await w.drain();
    expect(written).toEqual([0, 1, 2, 10]);
    // Written visits free their bytes: the queue takes long visits again.
    for (let i = 11; i < 14; i++) w.push(long(i));
    expect(w.stats()).toMatchObject({ queued: 3, dropped: 7 });
    await w.drain();
  });
});
