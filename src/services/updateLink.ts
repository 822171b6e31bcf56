import { notFound, parseDestination, utmFor, withUtm, type Link, type LinkChanges } from '../domain/index.js';
import type { CoreDeps } from './deps.js';
import { updateLinkInput, type UpdateLinkInput } from './linkInput.js';
import { parseInput } from './parse.js';

/** Edits a post; the destination is rebuilt whenever url, network, campaign or utm change. */
export async function updateLink(deps: CoreDeps, slug: string, raw: UpdateLinkInput | unknown): Promise<Link> {
  const input = parseInput(updateLinkInput, raw);
  const link = await getLinkOrThrow(deps, slug);
  const changes: LinkChanges = { updatedAt: deps.clock() };
  if (input.title !== undefined) changes.title = input.title || null;
  if (input.postedAt !== undefined) changes.postedAt = input.postedAt;
  if (input.expiresAt !== undefined) changes.expiresAt = input.expiresAt;
  if (input.maxClicks !== undefined) changes.maxClicks = input.maxClicks;
  if (input.disabled !== undefined) changes.disabled = input.disabled;
  if (input.preview !== undefined) changes.preview = input.preview;

  const retag = ['url', 'network', 'campaign', 'utm'].some((k) => k in input);
  if (retag) {
    const url = parseDestination(input.url ?? link.url, deps.publicUrl);
    const network = input.network === undefined ? link.network : input.network;
    const campaign = input.campaign === undefined ? link.campaign : input.campaign || null;
    // Explicit utm given now replaces the old explicit ones; otherwise keep the ones the user set.
    const explicit = input.utm === undefined ? explicitUtm(link) : (input.utm ?? {});
    const utm = utmFor(network, campaign, explicit);
    Object.assign(changes, { url: url.href, network, campaign, utm, destination: withUtm(url, utm) });
  }
  const updated = await deps.links.update(link.id, changes);
  if (!updated) throw linkNotFound(slug);
  deps.linkCache.delete(slug);
  return updated;
}

/** The UTM fields that differ from what network and campaign alone would derive. */
function explicitUtm(link: Link) {
  const derived = utmFor(link.network, link.campaign);
  return Object.fromEntries(Object.entries(link.utm).filter(([k, v]) => derived[k as keyof typeof derived] !== v));
}

export const linkNotFound = (slug: string) => notFound('link_not_found', `no link with slug "${slug}"`);

export async function getLinkOrThrow(deps: CoreDeps, slug: string): Promise<Link> {
  const link = await deps.links.bySlug(slug);
  if (!link) throw linkNotFound(slug);
  return link;
}
