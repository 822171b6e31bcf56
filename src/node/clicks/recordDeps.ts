import type { VisitorSaltStore } from '../../domain/index.js';
import type { RecordDeps } from '../../services/recordClicks.js';
import { cachedUserAgents } from '../../services/userAgent.js';
import { createVisitorKeys } from '../../services/visitorKey.js';
import { createClickCounting, type ClickCounting } from './count.js';
import { createGeoipLookup } from '../geo.js';
import { createNodeSaltStore } from '../saltFiles.js';
import type { NodeDatabase } from '../sqlite.js';
import { createSqliteClickWriter } from './write.js';

/**
 * Everything the Node write path needs: geoip-lite, cached UA parsing, visitor keys, the
 * click store, and the counting that follows it (when is the caller's choice).
 */
export function createNodeRecordDeps(
  database: NodeDatabase,
): RecordDeps & { counting: ClickCounting; salts: VisitorSaltStore } {
  const salts = createNodeSaltStore(database);
  return {
    salts,
    clicks: createSqliteClickWriter(database),
    geo: createGeoipLookup(),
    describeUserAgent: cachedUserAgents(),
    visitorKey: createVisitorKeys(salts),
    counting: createClickCounting(database),
  };
}
