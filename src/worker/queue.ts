import type { Logger, Visit } from '../domain/index.js';
import type { RecordVisits } from './recordDeps.js';
import type { ClickQueue } from './recorders.js';
import { fromMessage, sendBatches, sendBatchOf, toMessages } from './visitMessage.js';

/** The parts of a queue message the consumer uses. */
export interface VisitMessage {
  id: string;
  body: unknown;
  /** Deliveries so far, this one included. */
  attempts: number;
  ack(): void;
  retry(): void;
}

/** After this many writes fail in a row, D1 itself is failing: retry the rest later. */
const MAX_FAILED_WRITES = 3;

/**
 * The queue() consumer: the visits of all a batch's messages become one D1 batch. If that
 * fails, the messages are written in halves down to single ones (settle), so that a bad visit
 * (its link deleted meanwhile) holds back only its message. A write is one D1 batch, all or
 * nothing, so a message that fails has none of its visits stored and is retried whole: no
 * visit is written twice. One that fails again on a later delivery is split into a message per
 * visit (through `requeue`, the same queue), so the bad visit alone goes on to the dead-letter
 * queue. Malformed messages are dropped.
 */
export async function consumeVisits(
  messages: readonly VisitMessage[],
  record: RecordVisits,
  logger: Logger,
  requeue?: ClickQueue,
): Promise<void> {
  const valid: { message: VisitMessage; visits: Visit[] }[] = [];
  for (const message of messages) {
    const visits = fromMessage(message.body);
    if (visits) valid.push({ message, visits });
    else {
      logger.warn('dropping a queue message that is not a visit', { messageId: message.id });
      message.ack();
    }
  }
  if (valid.length === 0) return;
  try {
    await record(valid.flatMap((v) => v.visits));
    for (const { message } of valid) message.ack();
  } catch (err) {
    const clicks = valid.reduce((n, v) => n + v.visits.length, 0);
    logger.error('writing queued clicks failed; writing them in halves', { clicks, err });
    await settle(valid, record, logger, requeue, { failures: 1 }, err);
  }
}

type Pending = { message: VisitMessage; visits: Visit[] };

/**
 * A group whose one write failed: a lone message is retried or split (failedMessage); more are
 * written in halves, and a half that fails is settled the same way, so a bad message among n
 * costs about 2·log2(n) writes instead of n, and a batch of 100 messages of twelve statements
 * each stays far under D1's 1,000 queries an invocation. After MAX_FAILED_WRITES failed writes
 * in a row, D1 itself is taken to be down and the rest are retried.
 */
async function settle(
  group: readonly Pending[],
  record: RecordVisits,
  logger: Logger,
  requeue: ClickQueue | undefined,
  run: { failures: number },
  err: unknown,
): Promise<void> {
  if (group.length === 1) return failedMessage(group[0]!, err, logger, requeue);
  const mid = group.length >> 1;
  for (const half of [group.slice(0, mid), group.slice(mid)]) {
    if (run.failures >= MAX_FAILED_WRITES) {
      for (const { message } of half) message.retry();
      continue;
    }
    try {
      await record(half.flatMap((p) => p.visits));
      for (const { message } of half) message.ack();
      run.failures = 0;
    } catch (halfErr) {
      run.failures++;
      await settle(half, record, logger, requeue, run, halfErr);
    }
  }
}

/** A message whose own write failed: retried whole, or split into single visits when it failed before. */
async function failedMessage({ message, visits }: Pending, err: unknown, logger: Logger, requeue?: ClickQueue) {
  const error = (err as Error)?.message ?? String(err);
  if (requeue && visits.length > 1 && message.attempts > 1 && (await split(requeue, visits))) {
    logger.warn('a queued message failed again; its clicks go back to the queue one by one', {
      messageId: message.id,
      clicks: visits.length,
      error,
    });
    message.ack();
  } else {
    logger.warn('queued clicks could not be written; the queue will retry their message', {
      messageId: message.id,
      clicks: visits.length,
      error,
    });
    message.retry();
  }
}

/**
 * Sends each visit as its own message, in one sendBatch so the split is all or nothing (a
 * message's visits fit one: at most 100, about its size); false if they do not or the queue
 * refused, and then the message is retried whole.
 */
async function split(queue: ClickQueue, visits: Visit[]): Promise<boolean> {
  const batches = sendBatches(visits.flatMap((v) => toMessages([v])));
  if (batches.length !== 1) return false;
  try {
    await queue.sendBatch(sendBatchOf(batches[0]!));
    return true;
  } catch {
    return false;
  }
}
