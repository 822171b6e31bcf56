import { bioPageNotFound, type BioPageChanges, type BioPageWithLinks } from '../domain/index.js';
import type { BioPageDeps } from './bioPageDeps.js';
import { entryLinkIds, orNull, updateBioPageInput, type UpdateBioPageInput } from './bioPageInput.js';
import { parseInput } from './parse.js';

/** Edits a page's title, text, avatar or entries; the page shows the edit at once on this process. */
export async function updateBioPage(
  deps: BioPageDeps,
  handle: string,
  raw: UpdateBioPageInput | unknown,
): Promise<BioPageWithLinks> {
  const input = parseInput(updateBioPageInput, raw);
  const page = await getBioPageOrThrow(deps, handle);
  const changes: BioPageChanges = { updatedAt: deps.clock() };
  if (input.title !== undefined) changes.title = input.title;
  if (input.text !== undefined) changes.text = orNull(input.text);
  if (input.avatarUrl !== undefined) changes.avatarUrl = orNull(input.avatarUrl);
  const linkIds = input.links && (await entryLinkIds((s) => deps.bioPages.linkIds(s), input.links));
  const updated = await deps.bioPages.update(page.id, changes, linkIds);
  if (!updated) throw bioPageNotFound(handle);
  deps.bioPageCache.delete(handle);
  return updated;
}

export async function getBioPageOrThrow(
  deps: Pick<BioPageDeps, 'bioPages'>,
  handle: string,
): Promise<BioPageWithLinks> {
  const page = await deps.bioPages.byHandle(handle);
  if (!page) throw bioPageNotFound(handle);
  return page;
}
