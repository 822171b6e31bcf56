import { createVisitorSaltStore } from '../db/index.js';
import type { CaptureDeps } from '../services/recordClicks.js';
import { cachedUserAgents } from '../services/userAgent.js';
import { createVisitorKeys } from '../services/visitorKey.js';
import { createGeoipLookup } from './geo.js';
import type { NodeDatabase } from './sqlite.js';
import { createSqliteClickStore } from './sqliteClickStore.js';
import { sqliteCounterStatements } from './sqliteCounters.js';

/** Everything the Node write path needs: geoip-lite, cached UA parsing, visitor keys, the click store. */
export function createNodeCapture(database: NodeDatabase): CaptureDeps {
  return {
    // Counters are written in the same transaction as the clicks they count.
    clicks: createSqliteClickStore(database, { extraStatements: sqliteCounterStatements(database.sqlite) }),
    geo: createGeoipLookup(),
    describeUserAgent: cachedUserAgents(),
    visitorKey: createVisitorKeys(createVisitorSaltStore(database.db)),
  };
}
