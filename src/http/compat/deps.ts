import type { ClickReader, StatsStore } from '../../domain/index.js';
import type { CoreDeps } from '../../services/index.js';
import type { ApiRateLimiter } from '../../services/apiRateLimit.js';

/** What the compatible APIs read: the core, and the stored clicks when the runtime has them. */
export interface CompatDeps extends CoreDeps {
  stats?: StatsStore;
  clicks?: ClickReader;
  log?: (message: string, err?: unknown) => void;
  /** API_RATE_LIMIT, counted per key as on /api; absent means unlimited. */
  apiRate?: ApiRateLimiter;
}
