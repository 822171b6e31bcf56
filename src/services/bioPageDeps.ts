import type { BioPageCache, BioPageStore, BioPageViewStore } from '../domain/index.js';
import type { CoreDeps } from './deps.js';

/** What the bio page verbs need: the core, the page store and the served-page cache. */
export interface BioPageDeps extends Pick<CoreDeps, 'clock'> {
  bioPages: BioPageStore;
  bioPageCache: BioPageCache;
}

/** Counting page views. */
export interface BioPageViewDeps {
  bioPageViews: BioPageViewStore;
  clock: CoreDeps['clock'];
}
