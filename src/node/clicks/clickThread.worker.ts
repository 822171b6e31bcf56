/**
 * The click-writing thread: enrichment (user agents, geoip-lite, HMAC) and the SQLite
 * transactions run here, on their own connection, so the event loop that answers redirects
 * never waits on them. Each batch is written at once; counting follows on its own schedule
 * (countSchedule.ts). Messages: {id, visits (JSON)} in, {id} or {id, error} out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { utcDay, type Visit } from '../../domain/index.js';
import { recordClicks } from '../../services/recordClicks.js';
import { createNodeRecordDeps } from './recordDeps.js';
import { createCountingSchedule } from './countSchedule.js';
import type { ClickThreadOptions } from './clickThread.js';
import { createClickPruner } from '../../db/index.js';
import { pruneClicks } from '../../services/pruneClicks.js';
import { createNodeLogger } from '../logger.js';
import { openDatabase } from '../sqlite.js';
import { logMemory } from '../memoryLog.js';

const { databasePath, options } = workerData as { databasePath: string; options: ClickThreadOptions };
/** How often old raw clicks are deleted under CLICK_RETENTION_DAYS. */
const RETENTION_EVERY_MS = 3_600_000;

const database = openDatabase(databasePath);
const capture = createNodeRecordDeps(database);
// Write failures go back to the main thread, which logs them once per window; counting logs here.
const logger = createNodeLogger({ level: options.level, pretty: options.pretty });
const memory = options.level === 'debug' ? logMemory(logger, 'click') : null;

/**
 * Clicks counted per transaction here. Writes wait while a count holds the write lock, and a
 * crash loses what waits, so a backlog is counted a run at a time with writes let in between.
 */
const COUNT_RUN = 5_000;
const counting = createCountingSchedule(
  () => {
    if (capture.counting.countSome(COUNT_RUN) === COUNT_RUN) setImmediate(counting.countNow);
  },
  { logger },
);

// Salts older than two days go even on a day without clicks (a new day's first click prunes too).
const pruneSalts = () => void capture.salts.pruneBefore(utcDay(Date.now() - 2 * 86_400_000)).catch(() => {});
pruneSalts();
setInterval(pruneSalts, 3_600_000).unref();

// Clicks a crash left uncounted, before anything new.
counting.countNow();

if (options.retentionDays) {
  const days = options.retentionDays;
  const pruner = createClickPruner(database.db);
  const prune = () =>
    pruneClicks({ pruner, clock: Date.now }, days).then(
      (deleted) => deleted > 0 && logger.info('deleted raw clicks older than CLICK_RETENTION_DAYS', { deleted, days }),
      (err: unknown) => logger.error('could not delete old raw clicks; trying again in an hour', { err }),
    );
  void prune();
  setInterval(prune, RETENTION_EVERY_MS).unref();
}

let chain: Promise<unknown> = Promise.resolve();
parentPort!.on('message', (message: { id: number; visits: string } | { close: true }) => {
  if ('close' in message) {
    chain.then(() => {
      counting.stop();
      try {
        capture.counting.countAll(); // what the last run left: nothing stays uncounted after SIGTERM
      } catch (err) {
        logger.error('counting clicks failed at shutdown; the next start counts them', { err });
      }
      memory?.stop();
      database.close();
      parentPort!.close();
    });
    return;
  }
  // One batch at a time, in order.
  chain = chain.then(() =>
    recordClicks(capture, JSON.parse(message.visits) as Visit[]).then(
      () => {
        parentPort!.postMessage({ id: message.id });
        counting.written();
      },
      (err: unknown) => parentPort!.postMessage({ id: message.id, error: describe(err) }),
    ),
  );
});
parentPort!.postMessage({ ready: true });

/** An error as the main thread logs it: its message and SQLite code, without a stack per batch. */
function describe(err: unknown): { message: string; code?: string } {
  const code = (err as { code?: unknown })?.code;
  return { message: err instanceof Error ? err.message : String(err), ...(typeof code === 'string' ? { code } : {}) };
}
