import type { ClickReader, StatsStore } from '../../domain/index.js';
import type { CoreDeps } from '../../services/index.js';

/** What the compatible APIs read: the core, and the stored clicks when the runtime has them. */
export interface CompatDeps extends CoreDeps {
  stats?: StatsStore;
  clicks?: ClickReader;
  log?: (message: string, err?: unknown) => void;
}
