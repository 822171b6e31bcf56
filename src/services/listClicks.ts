import { z } from 'zod';
import type { ClickReader, ClickRow } from '../domain/index.js';
import { clickFilterFields } from './clickFilter.js';
import { pageOf, cursorField } from './paging.js';
import { parseInput } from './parse.js';

export const listClicksInput = z.object({
  ...clickFilterFields,
  bots: z.enum(['include', 'exclude', 'only']).default('include'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: cursorField,
});

/** Stored clicks, newest first, one page at a time. */
export async function listClicks(
  deps: { clicks: Pick<ClickReader, 'list'> },
  raw: unknown,
): Promise<{ clicks: ClickRow[]; nextCursor: string | null }> {
  const input = parseInput(listClicksInput, raw);
  const rows = await deps.clicks.list({
    slug: input.slug,
    campaign: input.campaign,
    network: input.network,
    from: input.from,
    to: input.to,
    bots: input.bots,
    limit: input.limit + 1,
    beforeId: input.cursor,
  });
  const { page, nextCursor } = pageOf(rows, input.limit);
  return { clicks: page, nextCursor };
}
