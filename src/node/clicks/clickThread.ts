import { Worker } from 'node:worker_threads';
import type { Logger, Visit } from '../../domain/index.js';
import type { NodeLoggerOptions } from '../logger.js';

/** The click thread's young generation (two semi-spaces of a third each, plus room for large objects). */
const YOUNG_GENERATION_MB = 12;

type Reply = { id: number; error?: { message: string; code?: string } } | { ready: true };

/**
 * The main thread's handle on the click-writing thread: record(visits) resolves once the
 * batch is committed and rejects if it failed, so the VisitQueue keeps and retries it.
 * A thread that dies is started again on the next batch.
 */
export interface ClickThreadOptions extends Pick<NodeLoggerOptions, 'level' | 'pretty'> {
  /** CLICK_RETENTION_DAYS: the thread deletes older raw clicks; null keeps them. */
  retentionDays?: number | null;
}

export function startClickThread(databasePath: string, logger: Logger, options: ClickThreadOptions = {}) {
  let worker: Worker | null = null;
  let ready: Promise<void> | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(): void; reject(e: Error): void }>();

  function spawn(): Promise<void> {
    const w = new Worker(new URL('./clickThread.boot.mjs', import.meta.url), {
      workerData: { databasePath, options },
      // Not the parent's --import tsx: it would start a loader thread the boot file does not need.
      // Profiling flags (BENCH_NODE_ARGS=--cpu-prof) still reach the thread.
      execArgv: process.execArgv.filter((arg) => /^--(cpu|heap)-prof/.test(arg)),
      // V8 would grow the young generation to 32 MB of semi-spaces; a batch's garbage fits in far less.
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    worker = w;
    ready = new Promise<void>((resolve, reject) => {
      w.on('message', (m: Reply) => {
        if ('ready' in m) return resolve();
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.error) p?.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
        else p?.resolve();
      });
      w.on('error', (err) => {
        logger.error('click thread failed', { err });
        reject(err);
      });
      w.on('exit', () => {
        if (worker === w) worker = null;
        for (const p of pending.values()) p.reject(new Error('click thread exited'));
        pending.clear();
        reject(new Error('click thread exited'));
      });
    });
    ready.catch(() => {});
    return ready;
  }

  return {
    /** Starts the thread and waits until its database is open. */
    start: () => spawn(),
    async record(visits: Visit[]): Promise<void> {
      if (!worker) await spawn();
      await ready;
      const id = nextId++;
      const done = new Promise<void>((resolve, reject) => pending.set(id, { resolve, reject }));
      // One JSON string instead of the structured clone of each visit: both ends do less per click.
      worker!.postMessage({ id, visits: JSON.stringify(visits) });
      return done;
    },
    /** After the last batch: closes the thread's database and ends it. */
    async close(): Promise<void> {
      const w = worker;
      if (!w) return;
      worker = null;
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.postMessage({ close: true });
      });
    },
  };
}
