import { z } from 'zod';
import type { ClickReader, ClickRow } from '../domain/index.js';
import { clickFilterFields } from './clickFilter.js';
import { parseInput } from './parse.js';

/** Clicks skipped at most: each thousand costs a read, and D1 caps reads per request. */
export const MAX_CLICK_OFFSET = 20_000;
const READ = 1000;

export const pageClicksInput = z.object({
  slug: z.string().max(64),
  from: clickFilterFields.from,
  to: clickFilterFields.to,
  bots: z.enum(['include', 'exclude', 'only']).default('include'),
  offset: z
    .number()
    .int()
    .min(0)
    .max(MAX_CLICK_OFFSET, `pages reach back ${MAX_CLICK_OFFSET} clicks at most; narrow the dates instead`),
  limit: z.number().int().min(1).max(READ),
});
export type PageClicksInput = z.input<typeof pageClicksInput>;

/**
 * A post's clicks newest first by offset, with how many match: for the APIs that page by
 * number (Shlink). The click log pages by id, so earlier pages are walked past.
 */
export async function pageClicks(
  deps: { clicks: Pick<ClickReader, 'list' | 'count'> },
  raw: PageClicksInput | unknown,
): Promise<{ clicks: ClickRow[]; total: number }> {
  const { offset, limit, ...match } = parseInput(pageClicksInput, raw);
  let skip = offset;
  let beforeId: number | undefined;
  while (skip > 0) {
    const want = Math.min(skip, READ);
    const rows = await deps.clicks.list({ ...match, limit: want, beforeId });
    skip -= rows.length;
    if (rows.length < want) break;
    beforeId = rows[rows.length - 1]!.id;
  }
  const [clicks, total] = await Promise.all([
    skip > 0 ? [] : deps.clicks.list({ ...match, limit, beforeId }),
    deps.clicks.count(match),
  ]);
  return { clicks, total };
}
