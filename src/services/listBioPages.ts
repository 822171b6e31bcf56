import type { BioPageWithLinks } from '../domain/index.js';
import type { BioPageDeps } from './bioPageDeps.js';

/** Every bio page with its entries, oldest first (a brand has a handful, not thousands). */
export const listBioPages = (deps: Pick<BioPageDeps, 'bioPages'>): Promise<BioPageWithLinks[]> => deps.bioPages.list();
