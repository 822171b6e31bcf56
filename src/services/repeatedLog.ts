import type { LogFields, Logger, LogLevel } from '../domain/index.js';

export interface RepeatedLogOptions {
  /** One summary line per window while the event keeps happening. */
  windowMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

/** An error's message alone: the stack is written once, at the first event of a spell. */
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * One event that may repeat many times a second (a failing write, a dropped click): the first
 * of a spell is logged in full, then one line per window says how many followed, with the
 * last event's fields, until a window passes without one.
 */
export function repeatedLog(
  logger: Logger,
  level: LogLevel,
  message: string,
  { windowMs = 10_000, setTimer = unrefTimer }: RepeatedLogOptions = {},
) {
  let open = false;
  let count = 0;
  let last: LogFields = {};

  function close() {
    if (count === 0) {
      open = false;
      return;
    }
    const { err, ...rest } = last;
    logger[level](message, {
      ...rest,
      ...(err === undefined ? {} : { error: messageOf(err) }),
      repeated: count,
      windowMs,
    });
    count = 0;
    setTimer(close, windowMs);
  }

  return {
    /** The event happened again. */
    report(fields: LogFields = {}) {
      if (!open) {
        open = true;
        logger[level](message, fields);
        setTimer(close, windowMs);
        return;
      }
      count++;
      last = fields;
    },
    /** Writes what the current window counted so far (shutdown). */
    flush() {
      if (open && count > 0) {
        const n = count;
        count = 0;
        const { err, ...rest } = last;
        logger[level](message, { ...rest, ...(err === undefined ? {} : { error: messageOf(err) }), repeated: n });
      }
    },
  };
}
export type RepeatedLog = ReturnType<typeof repeatedLog>;

function unrefTimer(run: () => void, ms: number) {
  const t = setTimeout(run, ms) as unknown as { unref?: () => void };
  t.unref?.();
  return t;
}
