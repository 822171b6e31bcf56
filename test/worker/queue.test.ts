import { describe, expect, it, vi } from 'vitest';
import { silentLogger, type Visit } from '../../src/domain/index.js';
import { createStorageHealth } from '../../src/services/index.js';
import { memoryLogger } from '../support/logs.js';
import { consumeVisits, type VisitMessage } from '../../src/worker/queue.js';
import {
  directRecorder,
  groupWrites,
  queueRecorder,
  recordFailures,
  type ClickQueue,
} from '../../src/worker/recorders.js';
import { fromMessage, toMessage } from '../../src/worker/visitMessage.js';

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

function message(id: string, body: unknown) {
  return { id, body, ack: vi.fn(), retry: vi.fn() } satisfies VisitMessage;
}

/** A context whose waitUntil collects promises, so tests can await the background work. */
function background() {
  const pending: Promise<unknown>[] = [];
  return { waitUntil: (p: Promise<unknown>) => void pending.push(p), settled: () => Promise.all(pending) };
}

describe('visits as queue messages', () => {
  it('round-trips a visit through plain JSON', () => {
    const v = visit(7, { utmSource: 'newsletter', qr: true });
    expect(fromMessage(JSON.parse(JSON.stringify(toMessage(v))))).toEqual(v);
    const unplaced = visit(7, { location: undefined, address: null });
    expect(fromMessage(JSON.parse(JSON.stringify(toMessage(unplaced))))).toEqual(unplaced);
  });

  it('crops long headers so a message stays small, and refuses what is not a visit', () => {
    const m = toMessage(
      visit(1, { userAgent: 'A'.repeat(100_000), referrer: 'https://x.example/'.padEnd(50_000, 'y') }),
    );
    expect(JSON.stringify(m).length).toBeLessThan(10_000);
    expect(fromMessage(m)).not.toBeNull();
    expect(fromMessage({ ...m, v: 2 })).toBeNull();
    expect(fromMessage({ ...m, linkId: 'one' })).toBeNull();
    expect(fromMessage('hello')).toBeNull();
  });
});

describe('the queue consumer', () => {
  it('writes a batch in one go and acknowledges every message', async () => {
    const record = vi.fn(async () => {});
    const messages = [message('a', toMessage(visit(1))), message('b', toMessage(visit(2)))];
    await consumeVisits(messages, record, silentLogger);
    expect(record).toHaveBeenCalledTimes(1);
    expect(record).toHaveBeenCalledWith([visit(1), visit(2)]);
    for (const m of messages) expect(m.ack).toHaveBeenCalled();
  });

  it('drops malformed messages without holding back the rest', async () => {
    const record = vi.fn(async () => {});
    const bad = message('bad', { nonsense: true });
    const good = message('good', toMessage(visit(1)));
    await consumeVisits([bad, good], record, silentLogger);
    expect(bad.ack).toHaveBeenCalled();
    expect(bad.retry).not.toHaveBeenCalled();
    expect(record).toHaveBeenCalledWith([visit(1)]);
  });

  it('when a batch fails, writes visits one by one and leaves only the failing one to the queue', async () => {
    // Link 2 was deleted meanwhile: any write that contains it fails.
    const record = vi.fn(async (visits: Visit[]) => {
      if (visits.some((v) => v.linkId === 2)) throw new Error('FOREIGN KEY constraint failed');
    });
    const messages = [1, 2, 3].map((id) => message(String(id), toMessage(visit(id))));
    await consumeVisits(messages, record, silentLogger);
    expect(messages.map((m) => [m.ack.mock.calls.length, m.retry.mock.calls.length])).toEqual([
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
  });

  it('stops trying one by one once the database is plainly down, and retries the rest later', async () => {
    const record = vi.fn(async () => {
      throw new Error('D1 is unavailable');
    });
    const messages = [1, 2, 3, 4, 5, 6].map((id) => message(String(id), toMessage(visit(id))));
    await consumeVisits(messages, record, silentLogger);
    expect(record).toHaveBeenCalledTimes(1 + 3);
    for (const m of messages) expect(m.retry).toHaveBeenCalledTimes(1);
  });
});

describe('click recorders', () => {
  it('writes directly after the response without a queue', async () => {
    const ctx = background();
    const record = vi.fn(async () => {});
    directRecorder(record, recordFailures(silentLogger, createStorageHealth(Date.now))).record(visit(1), ctx);
    await ctx.settled();
    expect(record).toHaveBeenCalledWith([visit(1)]);
  });

  it('writes visits that arrive during a write together in the next one, and settles each with its group', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const record = vi.fn(async (visits: Visit[]) => {
      writes.push(visits.map((v) => v.linkId));
      if (visits.some((v) => v.linkId === 5)) throw new Error('FOREIGN KEY constraint failed');
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
    });
    const write = groupWrites(record, 3);
    const first = write(visit(1));
    await vi.waitFor(() => expect(record).toHaveBeenCalledTimes(1));
    const later = [2, 3, 4, 5].map((id) =>
      write(visit(id)).then(
        () => 'ok',
        () => 'failed',
      ),
    );
    release();
    await first;
    expect(await Promise.all(later)).toEqual(['ok', 'ok', 'ok', 'failed']);
    expect(writes).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('enqueues the visit as JSON with a queue, and writes directly if the queue refuses it', async () => {
    const sent: unknown[] = [];
    const queue: ClickQueue = { sendBatch: async (messages) => void sent.push(messages) };
    const record = vi.fn(async () => {});
    const ctx = background();
    queueRecorder(queue, record, recordFailures(silentLogger, createStorageHealth(Date.now))).record(visit(1), ctx);
    await ctx.settled();
    expect(sent).toEqual([[{ body: toMessage(visit(1)), contentType: 'json' }]]);
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

  it('sends the visits that arrive during a send together, in batches within the queue limits', async () => {
    const sent: number[][] = [];
    let release!: () => void;
    const queue: ClickQueue = {
      async sendBatch(messages) {
        sent.push(messages.map((m) => m.body.linkId));
        if (sent.length === 1) await new Promise<void>((r) => (release = r));
      },
    };
    const record = vi.fn(async () => {});
    const ctx = background();
    const recorder = queueRecorder(queue, record, recordFailures(silentLogger, createStorageHealth(Date.now)));
    recorder.record(visit(1), ctx);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    // 30 visits with 4 KB headers: about 16 KB of message each, more than one sendBatch may carry.
    const long = 'x'.repeat(4096);
    for (let id = 2; id <= 31; id++) recorder.record(visit(id, { userAgent: long, referrer: long }), ctx);
    release();
    await ctx.settled();
    expect(sent[0]).toEqual([1]);
    expect(sent.slice(1).flat()).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    expect(sent.length).toBeGreaterThan(2);
    for (const batch of sent.slice(1)) expect(batch.length * 2 * 8192).toBeLessThanOrEqual(256_000);
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
    const recorder = queueRecorder(queue, record, recordFailures(silentLogger, createStorageHealth(Date.now)));
    // One group of 30 large visits, more than one sendBatch may carry; the second is refused.
    const long = 'x'.repeat(4096);
    for (let id = 1; id <= 30; id++) recorder.record(visit(id, { userAgent: long, referrer: long }), ctx);
    await ctx.settled();
    expect(calls).toBeGreaterThan(2);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(30);
  });
});
