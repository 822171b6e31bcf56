import type { Visit } from '../domain/index.js';
import type { ClickSink } from '../http/tracking.js';
import type { Log, RecordVisits } from './capture.js';
import { toMessage, type QueuedVisit } from './visitMessage.js';

/** The part of ExecutionContext a sink needs: work that may outlive the response. */
export interface Background {
  waitUntil(promise: Promise<unknown>): void;
}

/** What the sink needs of a Queue producer binding (typed here so tests can pass a fake). */
export interface ClickQueue {
  send(body: QueuedVisit, options?: { contentType?: 'json' }): Promise<unknown>;
}

/** Writes each visit to D1 after the response has gone, inside the request's waitUntil. */
export function directSink(ctx: Background, record: RecordVisits, log: Log): ClickSink {
  return {
    push(visit: Visit) {
      ctx.waitUntil(record([visit]).catch((err) => log('could not record a click', err)));
    },
  };
}

/**
 * Enqueues each visit for the queue() consumer, which writes them in batches. If the queue
 * refuses the message, the click is written directly rather than lost.
 */
export function queueSink(ctx: Background, queue: ClickQueue, record: RecordVisits, log: Log): ClickSink {
  return {
    push(visit: Visit) {
      const sent = queue.send(toMessage(visit), { contentType: 'json' }).catch(async (err) => {
        log('could not enqueue a click; writing it directly', err);
        await record([visit]);
      });
      ctx.waitUntil(sent.catch((err) => log('could not record a click', err)));
    },
  };
}
