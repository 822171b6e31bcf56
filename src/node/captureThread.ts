/**
 * The click-writing thread: enrichment (user agents, geoip-lite, HMAC) and the SQLite
 * transactions run here, on their own connection, so the event loop that answers redirects
 * never waits on them. Each batch is written at once; counting follows on its own schedule
 * (countingSchedule.ts). Messages: {id, visits} in, {id} or {id, error} out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { utcDay, type Visit } from '../domain/index.js';
import { recordClicks } from '../services/recordClicks.js';
import { createNodeCapture } from './capture.js';
import { createCountingSchedule } from './countingSchedule.js';
import { openDatabase } from './sqlite.js';

const database = openDatabase((workerData as { databasePath: string }).databasePath);
const capture = createNodeCapture(database);

// Salts older than two days go even on a day without clicks (a new day's first click prunes too).
const pruneSalts = () => void capture.salts.pruneBefore(utcDay(Date.now() - 2 * 86_400_000)).catch(() => {});
pruneSalts();
setInterval(pruneSalts, 3_600_000).unref();

const counting = createCountingSchedule(() => void capture.counting.countAll());
// Clicks a crash left uncounted, before anything new.
counting.countNow();

let chain: Promise<unknown> = Promise.resolve();
parentPort!.on('message', (message: { id: number; visits: Visit[] } | { close: true }) => {
  if ('close' in message) {
    chain.then(() => {
      counting.flush();
      database.close();
      parentPort!.close();
    });
    return;
  }
  // One batch at a time, in order.
  chain = chain.then(() =>
    recordClicks(capture, message.visits).then(
      () => {
        parentPort!.postMessage({ id: message.id });
        counting.written();
      },
      (err: unknown) => parentPort!.postMessage({ id: message.id, error: String((err as Error)?.stack ?? err) }),
    ),
  );
});
parentPort!.postMessage({ ready: true });
