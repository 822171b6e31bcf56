/**
 * The click-writing thread: enrichment (user agents, geoip-lite, HMAC) and the SQLite
 * transactions run here, on their own connection, so the event loop that answers redirects
 * never waits on them. Each batch is written at once; counting follows on its own schedule
 * (countingSchedule.ts). Messages: {id, visits} in, {id} or {id, error} out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Visit } from '../domain/index.js';
import { recordClicks } from '../services/recordClicks.js';
import { createNodeCapture } from './capture.js';
import { createCountingSchedule } from './countingSchedule.js';
import { openDatabase } from './sqlite.js';

const database = openDatabase((workerData as { databasePath: string }).databasePath);
const capture = createNodeCapture(database);

let closing = false;
let failures = 0;
let retry: ReturnType<typeof setTimeout> | undefined;
function count() {
  try {
    capture.counting.countAll();
    if (failures > 0) console.error(`counting clicks works again, after ${failures} failed tries`);
    failures = 0;
  } catch (err) {
    // The clicks are stored and stay uncounted until a later try, or the next start. One line
    // for a failing spell, not one per try.
    if (failures++ === 0) console.error('counting clicks failed; trying again every second', err);
    if (!closing) retry = setTimeout(count, 1_000);
  }
}
const counting = createCountingSchedule(count);
// Clicks a crash left uncounted, before anything new.
count();

let chain: Promise<unknown> = Promise.resolve();
parentPort!.on('message', (message: { id: number; visits: Visit[] } | { close: true }) => {
  if ('close' in message) {
    chain.then(() => {
      closing = true;
      if (retry) {
        clearTimeout(retry);
        count();
      }
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
