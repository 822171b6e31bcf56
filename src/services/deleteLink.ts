import type { CoreDeps } from './deps.js';
import { getLinkOrThrow } from './updateLink.js';

/** Deletes a post and, through the foreign key, its clicks. */
export async function deleteLink(deps: CoreDeps, slug: string): Promise<void> {
  const link = await getLinkOrThrow(deps, slug);
  await deps.links.remove(link.id);
  deps.linkCache.delete(slug);
}
