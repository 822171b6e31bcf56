import { gone, linkState, type Link } from '../domain/index.js';
import type { ClickAllowance } from './clickAllowance.js';
import type { CoreDeps } from './deps.js';
import { linkNotFound } from './updateLink.js';

export type ResolveDeps = Pick<CoreDeps, 'links' | 'linkCache' | 'clock'> & { clickAllowance?: ClickAllowance };

/**
 * The redirect's only lookup: a live link for a slug, from the hot-link cache when possible.
 * Links with maxClicks are read fresh, since their click count moves with every visit, and a
 * visit that `human` says is a person spends one click of their budget.
 */
export async function resolveLink(deps: ResolveDeps, slug: string, human: () => boolean): Promise<Link> {
  let link = deps.linkCache.get(slug);
  if (link === undefined) {
    link = await deps.links.bySlug(slug);
    if (link?.maxClicks == null) deps.linkCache.set(slug, link);
  }
  if (!link) throw linkNotFound(slug);
  const state = linkState(link, deps.clock());
  if (state === 'disabled') throw gone('link_disabled', 'this link has been disabled');
  if (state === 'expired') throw gone('link_expired', 'this link has expired');
  if (state === 'exhausted' || deps.clickAllowance?.take(link, human) === false) throw exhausted();
  return link;
}

const exhausted = () => gone('link_exhausted', 'this link has reached its click limit');

/**
 * The redirect's link from the cache alone, when it is live and unlimited: what Node's fast
 * path may answer without the app. Anything else (a miss, a limited, expired or disabled
 * link) is undefined and goes through resolveLink.
 */
export function cachedLiveLink(deps: Pick<ResolveDeps, 'linkCache' | 'clock'>, slug: string): Link | undefined {
  const link = deps.linkCache.get(slug);
  if (!link || link.maxClicks != null || linkState(link, deps.clock()) !== 'live') return undefined;
  return link;
}
