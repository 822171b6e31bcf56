import type { Logger, Visit } from '../domain/index.js';
import { repeatedLog, type StorageHealth } from '../services/index.js';
import type { RecordVisits } from './recordDeps.js';
import { batchVisits, type Background } from './visitBatcher.js';
import { sendBatches, sendBatchOf, toMessages, type SizedMessage, type VisitsMessage } from './visitMessage.js';

export type { Background } from './visitBatcher.js';

/** What the queue recorder needs of a Queue producer binding (typed here so tests can pass a fake). */
export interface ClickQueue {
  sendBatch(messages: { body: VisitsMessage; contentType?: 'json' }[]): Promise<unknown>;
}

/** A recorder built once per isolate: each visit comes with its own request's waitUntil. */
export interface WorkerRecorder {
  record(visit: Visit, ctx: Background): void;
}

/** Visits one direct write takes at most: D1 limits a batch's size and an invocation's statements. */
export const MAX_WRITE_VISITS = 100;
/** Visits one grouped send takes at most: they go as several messages and sendBatch calls. */
export const MAX_SEND_VISITS = 1_000;

/**
 * Writes visits to D1 after the response has gone, inside a request's waitUntil. Visits that
 * arrive while a write is under way, or within `lingerMs` before it, go together in one write
 * (batchVisits), so under load an isolate writes one batch per round trip instead of one per
 * click; without the wait, a slow machine's trickle of requests made writes of two or three.
 */
export function directRecorder(record: RecordVisits, failures: RecordFailures, lingerMs = 0): WorkerRecorder {
  return { record: batchVisits(writeReporting(record, failures), { max: MAX_WRITE_VISITS, lingerMs }) };
}

/** A D1 write whose outcome goes to `failures`: each visit of a failed write counts as lost. */
const writeReporting = (record: RecordVisits, failures: RecordFailures) => async (visits: Visit[]) => {
  try {
    await record(visits);
    failures.succeeded();
  } catch (err) {
    for (let i = 0; i < visits.length; i++) failures.lost(err);
  }
};

/** What a recorder does with the outcome of a write: health, and one log line per window. */
export interface RecordFailures {
  succeeded(): void;
  lost(err: unknown): void;
  enqueueFailed(err: unknown): void;
}

/** Per isolate: a click lost to a failing D1 is counted and logged once per window. */
export function recordFailures(logger: Logger, health: StorageHealth): RecordFailures {
  const lost = repeatedLog(logger, 'error', 'could not record a click');
  const enqueue = repeatedLog(logger, 'warn', 'could not enqueue a click; writing it directly');
  let dropped = 0;
  return {
    succeeded: () => health.succeeded(),
    lost(err) {
      dropped++;
      health.failed();
      lost.report({ dropped, err });
    },
    enqueueFailed: (err) => enqueue.report({ err }),
  };
}

/**
 * Enqueues visits for the queue() consumer, which writes them in batches. Sends are grouped as
 * direct writes are (batchVisits): visits that arrive while a send is under way go in the next
 * one together, as v:2 messages of many visits each, so a busy isolate calls the queue once
 * per round trip and a queue batch of 100 messages carries far more than 100 clicks. If the
 * queue refuses a sendBatch, its clicks are written directly rather than lost.
 */
export function queueRecorder(
  queue: ClickQueue,
  record: RecordVisits,
  failures: RecordFailures,
  lingerMs = 0,
): WorkerRecorder {
  const write = writeReporting(record, failures);
  const sendOrWrite = async (batch: SizedMessage[]) => {
    try {
      await queue.sendBatch(sendBatchOf(batch));
    } catch (err) {
      failures.enqueueFailed(err);
      await write(batch.flatMap((m) => m.visits));
    }
  };
  const send = async (visits: Visit[]) => void (await Promise.all(sendBatches(toMessages(visits)).map(sendOrWrite)));
  return { record: batchVisits(send, { max: MAX_SEND_VISITS, lingerMs }) };
}
