import { counterStatements } from '../db/counterUpserts.js';
import { createClickWriter, createVisitorSaltStore } from '../db/index.js';
import { NO_LOCATION, type ClickWriter, type GeoLookup, type Visit } from '../domain/index.js';
import { recordClicks, type RecordDeps } from '../services/recordClicks.js';
import { cachedUserAgents } from '../services/userAgent.js';
import { createVisitorKeys } from '../services/visitorKey.js';
import type { D1Handle } from './d1.js';
import type { SaltSealer } from '../services/saltSeal.js';
import { createSaltMemo } from './salts.js';

// Isolate-wide and database-free: parsed user agents and the day's salt outlive a request.
const describeUserAgent = cachedUserAgents();
const saltMemo = createSaltMemo();

/** request.cf already placed the visit; without a cf object the place stays unknown. */
const noLookup: GeoLookup = { locate: () => NO_LOCATION };

/** The click store on D1: clicks and their counters in one batch, each table's rows as one JSON parameter. */
export function createD1ClickWriter(d1: D1Handle): ClickWriter {
  return createClickWriter(d1.db, d1.batch, {
    extraStatements: counterStatements(d1.db),
  });
}

/** Everything recordClicks needs, over one request's (or one queue batch's) D1 binding. */
export function recordDeps(d1: D1Handle, sealer: SaltSealer, clicks = createD1ClickWriter(d1)): RecordDeps {
  return {
    clicks,
    geo: noLookup,
    describeUserAgent,
    visitorKey: createVisitorKeys(saltMemo.wrap(createVisitorSaltStore(d1.db, sealer))),
  };
}

/** Enriches and writes visits as clicks. */
export type RecordVisits = (visits: Visit[]) => Promise<unknown>;

export const recorderFor =
  (deps: RecordDeps): RecordVisits =>
  (visits) =>
    recordClicks(deps, visits);
