import { bioPageNotFound, dayStart, linkState, type BioPageWithLinks } from '../domain/index.js';
import type { BioPageDeps, BioPageViewDeps } from './bioPageDeps.js';

/**
 * The public page for /@handle: from the served-page cache when possible, with only the
 * entries that still redirect (a disabled, expired or spent link drops out).
 */
export async function showBioPage(deps: BioPageDeps, handle: string): Promise<BioPageWithLinks> {
  let page = deps.bioPageCache.get(handle);
  if (page === undefined) {
    page = await deps.bioPages.byHandle(handle);
    deps.bioPageCache.set(handle, page);
  }
  if (!page) throw bioPageNotFound(handle);
  const now = deps.clock();
  return { ...page, links: page.links.filter((link) => linkState(link, now) === 'live') };
}

/** Counts one view of a page, a person's or a bot's. Nothing about the visitor is kept. */
export async function countBioPageView(deps: BioPageViewDeps, pageId: number, bot: boolean): Promise<void> {
  await deps.bioPageViews.add(pageId, dayStart(deps.clock()), bot);
}
