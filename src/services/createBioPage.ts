import { checkHandle, handleTaken, type BioPageWithLinks } from '../domain/index.js';
import type { BioPageDeps } from './bioPageDeps.js';
import { createBioPageInput, entryLinkIds, orNull, type CreateBioPageInput } from './bioPageInput.js';
import { parseInput } from './parse.js';

/** Creates a link-in-bio page: a free, allowed handle and entries that are existing links. */
export async function createBioPage(deps: BioPageDeps, raw: CreateBioPageInput | unknown): Promise<BioPageWithLinks> {
  const input = parseInput(createBioPageInput, raw);
  checkHandle(input.handle);
  if (await deps.bioPages.byHandle(input.handle)) throw handleTaken(input.handle);
  const linkIds = await entryLinkIds((s) => deps.bioPages.linkIds(s), input.links);
  const now = deps.clock();
  // A race for the same handle is settled by the store's unique index (409 handle_taken).
  const page = await deps.bioPages.insert(
    {
      handle: input.handle,
      title: input.title,
      text: orNull(input.text),
      avatarUrl: orNull(input.avatarUrl),
      createdAt: now,
      updatedAt: now,
    },
    linkIds,
  );
  deps.bioPageCache.delete(input.handle); // a miss remembered a moment ago
  return page;
}
