import { describe, expect, it, vi } from 'vitest';
import { silentLogger, type Visit } from '../../src/domain/index.js';
import { createStorageHealth } from '../../src/services/index.js';
import { memoryLogger } from '../support/logs.js';
import { consumeVisits, type VisitMessage } from '../../src/worker/queue.js';
import { directRecorder, queueRecorder, recordFailures, type ClickQueue } from '../../src/worker/recorders.js';
import { batchVisits } from '../../src/worker/visitBatcher.js';
import {
  fromMessage,
  MAX_MESSAGE_BYTES,
  MAX_MESSAGE_VISITS,
  sendBatches,
  toMessages,
  type VisitsMessage,
} from '../../src/worker/visitMessage.js';

const visit = (linkId: number, extra: Partial<Visit> = {}): Visit => ({
  linkId,
  at: Date.parse('2026-03-10T12:00:00Z'),
  address: '203.0.113.5',
  userAgent: 'Mozilla/5.0',
  referrer: '',
  utmSource: null,
  qr: false,
  prefetch: false,
  location: { country: 'NZ', region: 'Canterbury', city: 'Christchurch' },
  ...extra,
});

/** What producers before v:2 sent: one visit per message. */
const v1 = (v: Visit) => ({ v: 1, ...toMessages([v])[0]!.body.visits[0]! });
/** One v:2 message holding these visits. */
const v2 = (...visits: Visit[]) => toMessages(visits)[0]!.body;

function message(id: string, body: unknown, attempts = 1) {
  return { id, body, attempts, ack: vi.fn(), retry: vi.fn() } satisfies VisitMessage;
}
const outcome = (m: ReturnType<typeof message>) => [m.ack.mock.calls.length, m.retry.mock.calls.length];

/** A context whose waitUntil collects promises, so tests can await the background work. */
function background() {
  const pending: Promise<unknown>[] = [];
  return { waitUntil: (p: Promise<unknown>) => void pending.push(p), settled: () => Promise.all(pending), pending };
}

const failures = () => recordFailures(silentLogger, createStorageHealth(Date.now));
const linkIds = (body: VisitsMessage) => ('visits' in body ? body.visits : [body]).map((v) => v.linkId);
const long = 'x'.repeat(4096);

describe('visits as queue messages', () => {
  it('round-trips several visits through plain JSON in one v:2 message', () => {
    const visits = [visit(7, { utmSource: 'newsletter', qr: true }), visit(8, { location: undefined, address: null })];
    const [only, ...rest] = toMessages(visits);
    expect(rest).toEqual([]);
    expect(only!.body.v).toBe(2);
    expect(fromMessage(JSON.parse(JSON.stringify(only!.body)))).toEqual(visits);
  });

  it('still reads the one-visit v:1 messages of older producers', () => {
    const v = visit(3, { referrer: 'https://t.co/x' });
    expect(fromMessage(JSON.parse(JSON.stringify(v1(v))))).toEqual([v]);
  });

  it('crops long headers and cuts messages within the queue limits', () => {
    const big = visit(1, { userAgent: 'A'.repeat(100_000), referrer: 'https://x.example/'.padEnd(50_000, 'y') });
    const messages = toMessages([...Array(40).fill(big), ...Array(250).fill(visit(2))]);
    for (const m of messages) {
      expect(m.visits.length).toBeLessThanOrEqual(MAX_MESSAGE_VISITS);
      expect(new TextEncoder().encode(JSON.stringify(m.body)).length).toBeLessThanOrEqual(m.bytes);
      expect(m.bytes).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(fromMessage(m.body)).toHaveLength(m.visits.length);
    }
    expect(messages.flatMap((m) => m.visits.map((v) => v.linkId))).toEqual([
      ...Array(40).fill(1),
      ...Array(250).fill(2),
    ]);
    for (const batch of sendBatches(messages)) {
      expect(batch.length).toBeLessThanOrEqual(100);
      const bytes = batch.reduce((n, m) => n + new TextEncoder().encode(JSON.stringify(m.body)).length, 0);
      expect(bytes).toBeLessThan(256_000);
    }
  });

  it('refuses what is not a visit message', () => {
    const m = v2(visit(1));
    expect(fromMessage({ ...m, v: 3 })).toBeNull();
    expect(fromMessage({ v: 2, visits: [] })).toBeNull();
    expect(fromMessage({ v: 2, visits: [{ ...m.visits[0], linkId: 'one' }] })).toBeNull();
    expect(fromMessage({ ...v1(visit(1)), linkId: 'one' })).toBeNull();
    expect(fromMessage('hello')).toBeNull();
    expect(fromMessage(null)).toBeNull();
  });
});

describe('the queue consumer', () => {
  it('writes the visits of all messages, either version, in one go and acknowledges every message', async () => {
    const record = vi.fn(async () => {});
    const messages = [message('a', v2(visit(1), visit(2))), message('b', v1(visit(3)))];
    await consumeVisits(messages, record, silentLogger);
    expect(record).toHaveBeenCalledTimes(1);
    expect(record).toHaveBeenCalledWith([visit(1), visit(2), visit(3)]);
    for (const m of messages) expect(m.ack).toHaveBeenCalled();
  });

  it('drops malformed messages without holding back the rest', async () => {
    const record = vi.fn(async () => {});
    const bad = message('bad', { nonsense: true });
    const good = message('good', v2(visit(1)));
    await consumeVisits([bad, good], record, silentLogger);
    expect(outcome(bad)).toEqual([1, 0]);
    expect(record).toHaveBeenCalledWith([visit(1)]);
  });

  it('retries a failing message whole, then splits it, so each good visit is stored exactly once', async () => {
    // A D1 stand-in: a write is all or nothing, and any write holding link 2 (deleted meanwhile) fails.
    const stored: number[] = [];
    const record = vi.fn(async (visits: Visit[]) => {
      if (visits.some((v) => v.linkId === 2)) throw new Error('FOREIGN KEY constraint failed');
      stored.push(...visits.map((v) => v.linkId));
    });
    const requeued: VisitsMessage[] = [];
    const queue: ClickQueue = { sendBatch: async (ms) => void requeued.push(...ms.map((m) => m.body)) };

    const first = [message('a', v2(visit(1), visit(2), visit(3))), message('b', v2(visit(4), visit(5)))];
    await consumeVisits(first, record, silentLogger, queue);
    // The batch failed; b went in on its own, a holds the bad visit and none of a's visits were stored.
    expect(first.map(outcome)).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(stored).toEqual([4, 5]);
    expect(requeued).toEqual([]);

    // Its second delivery fails again: a message per visit goes back to the queue, a is done.
    const again = message('a', first[0]!.body, 2);
    await consumeVisits([again], record, silentLogger, queue);
    expect(outcome(again)).toEqual([1, 0]);
    expect(requeued.map(linkIds)).toEqual([[1], [2], [3]]);

    // Those come back as single visits: the good ones are stored, the bad one alone is retried.
    const singles = requeued.map((body, i) => message(`s${i}`, JSON.parse(JSON.stringify(body))));
    await consumeVisits(singles, record, silentLogger, queue);
    expect(singles.map(outcome)).toEqual([
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    expect(stored.sort()).toEqual([1, 3, 4, 5]);
  });

  it('finds a bad message among 100 in halves, in few writes, storing every good visit once', async () => {
    const stored: number[] = [];
    const record = vi.fn(async (visits: Visit[]) => {
      if (visits.some((v) => v.linkId === 37)) throw new Error('FOREIGN KEY constraint failed');
      stored.push(...visits.map((v) => v.linkId));
    });
    const messages = Array.from({ length: 100 }, (_, i) => message(String(i), v2(visit(i + 1))));
    await consumeVisits(messages, record, silentLogger);
    // One write of all, then two halves a level down to the bad one: 1 + 2 × 7, not 1 + 100.
    expect(record.mock.calls.length).toBeLessThanOrEqual(15);
    expect(stored.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1).filter((id) => id !== 37),
    );
    for (const m of messages) expect(outcome(m)).toEqual(m.id === '36' ? [0, 1] : [1, 0]);
  });

  it('retries a lone message whose write failed without writing it again', async () => {
    const record = vi.fn(async () => Promise.reject(new Error('FOREIGN KEY constraint failed')));
    const m = message('a', v2(visit(1), visit(2)));
    await consumeVisits([m], record, silentLogger);
    expect(record).toHaveBeenCalledTimes(1);
    expect(outcome(m)).toEqual([0, 1]);
  });

  it('retries a failing message whole when the queue refuses its split', async () => {
    const record = vi.fn(async () => Promise.reject(new Error('FOREIGN KEY constraint failed')));
    const queue: ClickQueue = { sendBatch: async () => Promise.reject(new Error('queue over its limit')) };
    const m = message('a', v2(visit(1), visit(2)), 3);
    await consumeVisits([m], record, silentLogger, queue);
    expect(outcome(m)).toEqual([0, 1]);
  });

  it('stops writing halves once the database is plainly down, and retries the rest later', async () => {
    const record = vi.fn(async () => {
      throw new Error('D1 is unavailable');
    });
    const messages = [1, 2, 3, 4, 5, 6].map((id) => message(String(id), v2(visit(id), visit(id + 10))));
    const logger = memoryLogger();
    await consumeVisits(messages, record, logger);
    // Three failed writes in a row: the batch, its first half, that half's first half.
    expect(record).toHaveBeenCalledTimes(3);
    for (const m of messages) expect(outcome(m)).toEqual([0, 1]);
    expect(logger.lines[0]).toMatchObject({ level: 'error', fields: { clicks: 12 } });
  });
});

describe('visit batching', () => {
  it('writes the visits that arrive during a write in the next one, flushed by one request alone', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const write = vi.fn(async (visits: Visit[]) => {
      writes.push(visits.map((v) => v.linkId));
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
    });
    const record = batchVisits(write, { max: 3 });
    const contexts = [1, 2, 3, 4, 5].map(() => background());
    record(visit(1), contexts[0]!);
    for (const id of [2, 3, 4, 5]) record(visit(id), contexts[id - 1]!);
    release();
    await contexts[0]!.settled();
    expect(writes).toEqual([[1], [2, 3, 4], [5]]);
    // The other requests never wait on the flusher's promises (Workers would cancel them).
    expect(contexts.map((c) => c.pending.length)).toEqual([1, 0, 0, 0, 0]);
  });

  it('hands flushing over to a later request after a while, losing no visit', async () => {
    const written: number[] = [];
    const write = async (visits: Visit[]) => {
      await new Promise((r) => setTimeout(r, 5));
      written.push(...visits.map((v) => v.linkId));
    };
    const record = batchVisits(write, { max: 2, handoffMs: 10 });
    const contexts: ReturnType<typeof background>[] = [];
    for (let id = 1; id <= 30; id++) {
      const ctx = background();
      contexts.push(ctx);
      record(visit(id), ctx);
      await new Promise((r) => setTimeout(r, 1));
    }
    await vi.waitFor(async () => {
      await Promise.all(contexts.map((c) => c.settled()));
      expect(written.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    });
    expect(contexts.filter((c) => c.pending.length > 0).length).toBeGreaterThan(1);
  });

  it('waits lingerMs before a write that is not full, so visits close together share it', async () => {
    const writes: number[][] = [];
    const record = batchVisits(async (visits) => void writes.push(visits.map((v) => v.linkId)), {
      max: 10,
      lingerMs: 20,
    });
    const ctx = background();
    record(visit(1), ctx);
    await new Promise((r) => setTimeout(r, 5));
    record(visit(2), background());
    await ctx.settled();
    expect(writes).toEqual([[1, 2]]);
  });
});

describe('click recorders', () => {
  it('writes directly after the response without a queue', async () => {
    const ctx = background();
    const record = vi.fn(async () => {});
    directRecorder(record, failures()).record(visit(1), ctx);
    await ctx.settled();
    expect(record).toHaveBeenCalledWith([visit(1)]);
  });

  it('enqueues the visit as a v:2 message, and writes directly if the queue refuses it', async () => {
    const sent: unknown[] = [];
    const queue: ClickQueue = { sendBatch: async (messages) => void sent.push(messages) };
    const record = vi.fn(async () => {});
    const ctx = background();
    queueRecorder(queue, record, failures()).record(visit(1), ctx);
    await ctx.settled();
    expect(sent).toEqual([[{ body: v2(visit(1)), contentType: 'json' }]]);
    expect(record).not.toHaveBeenCalled();

    const refusing: ClickQueue = { sendBatch: async () => Promise.reject(new Error('queue over its limit')) };
    const logger = memoryLogger();
    queueRecorder(refusing, record, recordFailures(logger, createStorageHealth(Date.now))).record(visit(2), ctx);
    await ctx.settled();
    expect(record).toHaveBeenCalledWith([visit(2)]);
    expect(logger.lines).toEqual([
      { level: 'warn', message: expect.stringContaining('writing it directly'), fields: { err: expect.any(Error) } },
    ]);
  });

  it('sends the visits that arrive during a send together, as few messages within the queue limits', async () => {
    const sent: VisitsMessage[][] = [];
    let release!: () => void;
    const queue: ClickQueue = {
      async sendBatch(messages) {
        sent.push(messages.map((m) => m.body));
        if (sent.length === 1) await new Promise<void>((r) => (release = r));
      },
    };
    const record = vi.fn(async () => {});
    const ctx = background();
    const recorder = queueRecorder(queue, record, failures());
    recorder.record(visit(1), ctx);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    // 60 short visits fit one message; 30 with 4 KB headers (about 25 KB each as bounded) need several sendBatches.
    for (let id = 2; id <= 61; id++) recorder.record(visit(id), background());
    for (let id = 62; id <= 91; id++) recorder.record(visit(id, { userAgent: long, referrer: long }), background());
    release();
    await ctx.settled();
    expect(sent[0]!.map(linkIds)).toEqual([[1]]);
    expect(sent.slice(1).flat().flatMap(linkIds)).toEqual(Array.from({ length: 90 }, (_, i) => i + 2));
    expect(sent[1]![0]!).toMatchObject({ v: 2 });
    expect(linkIds(sent[1]![0]!).length).toBeGreaterThanOrEqual(60);
    for (const batch of sent) expect(new TextEncoder().encode(JSON.stringify(batch)).length).toBeLessThan(256_000);
    expect(record).not.toHaveBeenCalled();
  });

  it('writes directly only the visits of a sendBatch the queue refused', async () => {
    let calls = 0;
    const queue: ClickQueue = {
      async sendBatch() {
        if (++calls === 2) throw new Error('queue over its limit');
      },
    };
    const written: number[] = [];
    const record = vi.fn(async (visits: Visit[]) => void written.push(...visits.map((v) => v.linkId)));
    const ctx = background();
    const recorder = queueRecorder(queue, record, failures());
    // One group of 30 large visits, more than one sendBatch may carry; the second is refused.
    for (let id = 1; id <= 30; id++) recorder.record(visit(id, { userAgent: long, referrer: long }), ctx);
    await ctx.settled();
    expect(calls).toBeGreaterThan(2);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(30);
  });
});
