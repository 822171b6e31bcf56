import type { VisitorSaltStore } from '../../domain/index.js';
import type { RecordDeps } from '../../services/recordClicks.js';
import { cachedUserAgents } from '../../services/userAgent.js';
import { createVisitorKeys } from '../../services/visitorKey.js';
import { createClickCounting, type ClickCounting } from './count.js';
import { createGeoipLookup } from '../geo.js';
import { createNodeSaltStore } from '../saltFiles.js';
import type { NodeDatabase } from '../sqlite.js';
import { createSqliteClickWriter } from './write.js';
import { createWrittenClicks } from './writtenClicks.js';

/**
 * Everything the Node write path needs: geoip-lite, cached UA parsing, visitor keys, the
 * click store, and the counting that follows it (when is the caller's choice).
 */
export function createNodeRecordDeps(
  database: NodeDatabase,
): RecordDeps & { counting: ClickCounting; salts: VisitorSaltStore } {
  const salts = createNodeSaltStore(database);
  // Counting takes what was just written from memory instead of reading it back.
  const written = createWrittenClicks();
  return {
    salts,
    clicks: createSqliteClickWriter(database, written.add),
    geo: createGeoipLookup(),
    describeUserAgent: cachedUserAgents(),
    visitorKey: createVisitorKeys(salts),
    counting: createClickCounting(database, written),
  };
}
