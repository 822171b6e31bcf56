/**
 * The click-writing thread: enrichment (user agents, geoip-lite, HMAC) and the SQLite
 * transaction run here, on their own connection, so the event loop that answers redirects
 * never waits on them. Messages: {id, visits} in, {id} or {id, error} out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Visit } from '../domain/index.js';
import { recordClicks } from '../services/recordClicks.js';
import { createNodeCapture } from './capture.js';
import { openDatabase } from './sqlite.js';

const database = openDatabase((workerData as { databasePath: string }).databasePath);
const capture = createNodeCapture(database);
let chain: Promise<unknown> = Promise.resolve();

parentPort!.on('message', (message: { id: number; visits: Visit[] } | { close: true }) => {
  if ('close' in message) {
    chain.then(() => {
      database.close();
      parentPort!.close();
    });
    return;
  }
  // One batch at a time, in order.
  chain = chain.then(() =>
    recordClicks(capture, message.visits).then(
      () => parentPort!.postMessage({ id: message.id }),
      (err: unknown) => parentPort!.postMessage({ id: message.id, error: String((err as Error)?.stack ?? err) }),
    ),
  );
});
parentPort!.postMessage({ ready: true });
