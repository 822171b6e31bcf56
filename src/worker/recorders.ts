import type { ClickRecorder, Logger, Visit } from '../domain/index.js';
import { repeatedLog, type StorageHealth } from '../services/index.js';
import type { RecordVisits } from './recordDeps.js';
import { toMessage, type QueuedVisit } from './visitMessage.js';

/** The part of ExecutionContext a recorder needs: work that may outlive the response. */
export interface Background {
  waitUntil(promise: Promise<unknown>): void;
}

/** What the queue recorder needs of a Queue producer binding (typed here so tests can pass a fake). */
export interface ClickQueue {
  send(body: QueuedVisit, options?: { contentType?: 'json' }): Promise<unknown>;
}

/** Writes each visit to D1 after the response has gone, inside the request's waitUntil. */
export function directRecorder(ctx: Background, record: RecordVisits, failures: RecordFailures): ClickRecorder {
  return {
    record(visit: Visit) {
      ctx.waitUntil(record([visit]).then(failures.succeeded, failures.lost));
    },
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

/**
 * Enqueues each visit for the queue() consumer, which writes them in batches. If the queue
 * refuses the message, the click is written directly rather than lost.
 */
export function queueRecorder(
  ctx: Background,
  queue: ClickQueue,
  record: RecordVisits,
  failures: RecordFailures,
): ClickRecorder {
  return {
    record(visit: Visit) {
      const sent = queue.send(toMessage(visit), { contentType: 'json' }).catch(async (err) => {
        failures.enqueueFailed(err);
        await record([visit]);
        failures.succeeded();
      });
      ctx.waitUntil(sent.catch(failures.lost));
    },
  };
}
