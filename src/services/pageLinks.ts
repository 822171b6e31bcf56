import { z } from 'zod';
import { MAX_CAMPAIGN_LENGTH, type Link } from '../domain/index.js';
import { networkParam } from './clickFilter.js';
import type { CoreDeps } from './deps.js';
import { parseInput } from './parse.js';

export const pageLinksInput = z.object({
  campaign: z.string().max(MAX_CAMPAIGN_LENGTH).optional(),
  network: networkParam.optional(),
  q: z.string().max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type PageLinksInput = z.input<typeof pageLinksInput>;

/**
 * Newest posts first, by offset, with the number of matches: for the APIs other tools speak
 * (Shlink, Kutt, Dub, YOURLS), which page by number and show a total.
 */
export async function pageLinks(
  deps: CoreDeps,
  raw: PageLinksInput | unknown,
): Promise<{ links: Link[]; total: number }> {
  const input = parseInput(pageLinksInput, raw);
  const match = { campaign: input.campaign, network: input.network, q: input.q };
  const [links, total] = await Promise.all([
    deps.links.list({ ...match, limit: input.limit, offset: input.offset }),
    deps.links.count(match),
  ]);
  return { links, total };
}
