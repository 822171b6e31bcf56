import type { Visit } from '../domain/index.js';

/** The part of ExecutionContext a recorder needs: work that may outlive the response. */
export interface Background {
  waitUntil(promise: Promise<unknown>): void;
}

export interface BatcherOptions {
  /** Visits one write takes at most. */
  max: number;
  /** Milliseconds to wait before each write that is not full, so visits arriving close together share it. */
  lingerMs?: number;
  /** After flushing this long, the flushing request lets the next request take over (waitUntil has a time limit). */
  handoffMs?: number;
}

const HANDOFF_MS = 1_000;

/**
 * Batches an isolate's visits into writes (a D1 batch, a queue sendBatch). Visits wait in one
 * buffer; the request that finds nobody flushing becomes the flusher: inside its own
 * waitUntil it writes what the buffer holds, then what arrived meanwhile, until the buffer is
 * empty, so under load an isolate makes one write per round trip instead of one per click.
 * Other requests only push their visit and never wait on the flusher: Workers cancel a request
 * that awaits another request's promise once that request has ended, and I/O must be made in
 * the request that waits for it. `write` handles its own failures; it must not throw.
 */
export function batchVisits(
  write: (visits: Visit[]) => Promise<void>,
  { max, lingerMs = 0, handoffMs = HANDOFF_MS }: BatcherOptions,
): (visit: Visit, ctx: Background) => void {
  const buffer: Visit[] = [];
  let flusher: object | null = null;
  let retiring = false;

  async function flush(token: object) {
    const started = Date.now();
    try {
      for (;;) {
        if (lingerMs > 0 && buffer.length < max) await new Promise((r) => setTimeout(r, lingerMs));
        if (flusher !== token || buffer.length === 0) return;
        if (Date.now() - started >= handoffMs) retiring = true;
        await write(buffer.splice(0, max)).catch(() => undefined);
      }
    } finally {
      if (flusher === token) {
        flusher = null;
        retiring = false;
      }
    }
  }

  return function record(visit, ctx) {
    buffer.push(visit);
    if (flusher && !retiring) return;
    // Nobody flushing, or a flusher about to hand off: this request flushes from now on.
    const token = {};
    flusher = token;
    retiring = false;
    ctx.waitUntil(flush(token));
  };
}
