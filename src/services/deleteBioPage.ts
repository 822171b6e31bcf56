import type { BioPageDeps } from './bioPageDeps.js';
import { getBioPageOrThrow } from './updateBioPage.js';

/** Deletes a page with its entries and view counts; its links and their clicks stay. */
export async function deleteBioPage(deps: BioPageDeps, handle: string): Promise<void> {
  const page = await getBioPageOrThrow(deps, handle);
  await deps.bioPages.remove(page.id);
  deps.bioPageCache.delete(handle);
}
