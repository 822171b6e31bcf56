import type { LinkStore, ReportStore } from '../domain/index.js';
import type { CoreDeps } from './deps.js';

/** What the report verbs need: the report store, campaign names, the clock and the public URL. */
export interface ReportDeps extends Pick<CoreDeps, 'clock' | 'publicUrl'> {
  reports: ReportStore;
  links: Pick<LinkStore, 'campaigns'>;
}
