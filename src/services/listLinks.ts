import type { Link } from '../domain/index.js';
import type { CoreDeps } from './deps.js';
import { listLinksInput, type ListLinksInput } from './linkInput.js';
import { pageOf } from './paging.js';
import { parseInput } from './parse.js';

/** Newest posts first, one page at a time; nextCursor is null on the last page. */
export async function listLinks(
  deps: CoreDeps,
  raw: ListLinksInput | unknown,
): Promise<{ links: Link[]; nextCursor: string | null }> {
  const input = parseInput(listLinksInput, raw);
  const rows = await deps.links.list({
    campaign: input.campaign,
    network: input.network,
    q: input.q,
    limit: input.limit + 1,
    beforeId: input.cursor,
  });
  const { page, nextCursor } = pageOf(rows, input.limit);
  return { links: page, nextCursor };
}
