import type { ClickExportReader, ClickStore, StatsStore } from '../../domain/index.js';
import type { CoreDeps } from '../../services/index.js';
import type { ApiRateLimiter } from '../../services/apiRateLimit.js';

/** What the compatible APIs read: the core, and the click stores when the runtime has them. */
export interface CompatDeps extends CoreDeps {
  stats?: StatsStore;
  clicks?: ClickStore;
  clickExport?: ClickExportReader;
  log?: (message: string, err?: unknown) => void;
  /** API_RATE_LIMIT, counted per key as on /api; absent means unlimited. */
  apiRate?: ApiRateLimiter;
}
