import type { Logger, Visit } from '../domain/index.js';
import type { RecordVisits } from './recordDeps.js';
import { fromMessage } from './visitMessage.js';

/** The parts of a queue message the consumer uses. */
export interface VisitMessage {
  id: string;
  body: unknown;
  ack(): void;
  retry(): void;
}

/** After this many single writes fail in a row, D1 itself is failing: retry the rest later. */
const MAX_SINGLE_FAILURES = 3;

/**
 * The queue() consumer: one batch of visits becomes one D1 batch. If that fails, the visits are
 * written one by one so that a single bad visit (its link deleted meanwhile) cannot hold the
 * others back; the failures are retried by the queue, malformed messages are dropped.
 */
export async function consumeVisits(
  messages: readonly VisitMessage[],
  record: RecordVisits,
  logger: Logger,
): Promise<void> {
  const valid: { message: VisitMessage; visit: Visit }[] = [];
  for (const message of messages) {
    const visit = fromMessage(message.body);
    if (visit) valid.push({ message, visit });
    else {
      logger.warn('dropping a queue message that is not a visit', { messageId: message.id });
      message.ack();
    }
  }
  if (valid.length === 0) return;
  try {
    await record(valid.map((v) => v.visit));
    for (const { message } of valid) message.ack();
    return;
  } catch (err) {
    logger.error('writing queued clicks failed; writing them one by one', { clicks: valid.length, err });
  }
  let failures = 0;
  for (const { message, visit } of valid) {
    if (failures >= MAX_SINGLE_FAILURES) {
      message.retry();
      continue;
    }
    try {
      await record([visit]);
      message.ack();
      failures = 0;
    } catch (err) {
      failures++;
      logger.warn('a queued click could not be written; the queue will retry it', {
        messageId: message.id,
        error: (err as Error)?.message ?? String(err),
      });
      message.retry();
    }
  }
}
