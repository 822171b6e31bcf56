import type { Logger, Visit } from '../domain/index.js';
import { repeatedLog, type StorageHealth } from '../services/index.js';
import type { RecordVisits } from './recordDeps.js';
import { toMessage, type QueuedVisit } from './visitMessage.js';

/** The part of ExecutionContext a recorder needs: work that may outlive the response. */
export interface Background {
  waitUntil(promise: Promise<unknown>): void;
}

/** What the queue recorder needs of a Queue producer binding (typed here so tests can pass a fake). */
export interface ClickQueue {
  sendBatch(messages: { body: QueuedVisit; contentType?: 'json' }[]): Promise<unknown>;
}

/** A recorder built once per isolate: each visit comes with its own request's waitUntil. */
export interface WorkerRecorder {
  record(visit: Visit, ctx: Background): void;
}

/**
 * Writes visits to D1 after the response has gone, inside each request's waitUntil. Visits
 * that arrive while a write is under way go together in the next one (see groupWrites), so
 * under load an isolate writes one batch per round trip instead of one per click.
 */
export function directRecorder(record: RecordVisits, failures: RecordFailures): WorkerRecorder {
  const write = groupWrites(record);
  return {
    record(visit, ctx) {
      ctx.waitUntil(write(visit).then(failures.succeeded, failures.lost));
    },
  };
}

/** Visits one grouped write takes at most: D1 limits a batch's size and an invocation's statements. */
export const MAX_GROUPED_VISITS = 100;

/**
 * Group commit: the first visit is written at once; visits arriving while that write runs
 * wait for it and then go in one write together. Each visit's promise settles with its group's.
 */
export function groupWrites(record: RecordVisits, max = MAX_GROUPED_VISITS): (visit: Visit) => Promise<unknown> {
  let open: { visits: Visit[]; done: Promise<unknown> } | null = null;
  let last: Promise<unknown> = Promise.resolve();
  return (visit) => {
    if (open && open.visits.length < max) {
      open.visits.push(visit);
      return open.done;
    }
    const group: { visits: Visit[]; done: Promise<unknown> } = { visits: [visit], done: last };
    group.done = last
      .catch(() => undefined)
      .then(() => {
        if (open === group) open = null;
        return record(group.visits);
      });
    open = group;
    last = group.done;
    return group.done;
  };
}

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

/** Queues take at most 100 messages and 256 KB in one sendBatch; a message is at most about 10 KB. */
const MAX_SEND_MESSAGES = 100;
const MAX_SEND_BYTES = 200_000;

type VisitMessages = { visits: Visit[]; messages: { body: QueuedVisit; contentType: 'json' }[] };

/**
 * Enqueues visits for the queue() consumer, which writes them in batches. Sends are grouped as
 * direct writes are (groupWrites): visits that arrive while a send is under way go in the next
 * sendBatch together, so a busy isolate makes one call to the queue per round trip, not one per
 * click. If the queue refuses a sendBatch, its clicks are written directly rather than lost.
 */
export function queueRecorder(queue: ClickQueue, record: RecordVisits, failures: RecordFailures): WorkerRecorder {
  const sendOrWrite = async ({ visits, messages }: VisitMessages) => {
    try {
      await queue.sendBatch(messages);
    } catch (err) {
      failures.enqueueFailed(err);
      await record(visits);
      failures.succeeded();
    }
  };
  const send = groupWrites((visits) => Promise.all(sendBatches(visits).map(sendOrWrite)), MAX_SEND_MESSAGES);
  return {
    record(visit, ctx) {
      ctx.waitUntil(send(visit).catch(failures.lost));
    },
  };
}

/** Visits as JSON messages, cut into sendBatch calls within the queue's limits. */
function sendBatches(visits: Visit[]): VisitMessages[] {
  const batches: VisitMessages[] = [];
  let current: VisitMessages = { visits: [], messages: [] };
  let bytes = 0;
  for (const visit of visits) {
    const body = toMessage(visit);
    // At most the message's UTF-8 bytes: three for any UTF-16 unit of its JSON.
    const size = 3 * JSON.stringify(body).length;
    const full = current.messages.length >= MAX_SEND_MESSAGES || bytes + size > MAX_SEND_BYTES;
    if (current.messages.length > 0 && full) {
      batches.push(current);
      current = { visits: [], messages: [] };
      bytes = 0;
    }
    current.visits.push(visit);
    current.messages.push({ body, contentType: 'json' });
    bytes += size;
  }
  if (current.messages.length > 0) batches.push(current);
  return batches;
}
