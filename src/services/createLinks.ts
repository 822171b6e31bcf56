import { z } from 'zod';
import {
  AppError,
  campaignAllowed,
  conflict,
  invalid,
  isAppError,
  slugProblem,
  slugTaken,
  type Link,
  type NewLink,
} from '../domain/index.js';
import { draftLink, type LinkDraft } from './createLink.js';
import type { CoreDeps } from './deps.js';
import { parseInput } from './parse.js';

/** The most links one bulk request creates: enough for a campaign's spreadsheet. */
export const MAX_BULK_LINKS = 1000;
const RANDOM_SLUG_ROUNDS = 5;

const bulkInput = (max: number) => z.object({ links: z.array(z.unknown()).min(1).max(max) }).strict();

/** A row refused, by its place in the request (0-based). */
export interface RowProblem {
  index: number;
  message: string;
}

export interface BulkOptions {
  /** Check every row as creation would, and create nothing. */
  dryRun?: boolean;
  /** How a message names another row (a repeated slug): "row 3" for the API, "line 4" for a file. */
  rowName?: (index: number) => string;
  /** The most rows taken; MAX_BULK_LINKS unless a caller (the CLI's file import) needs more. */
  maxRows?: number;
}

export type BulkResult = { dryRun: false; links: Link[] } | { dryRun: true; links: NewLink[] };

/**
 * Creates up to 1,000 links, all or none, by the rules of createLink: every row is checked
 * (a repeated slug within the request too) and one bad row refuses the whole request with
 * every problem listed. The database sees two or three statements whatever the number of rows.
 */
export async function createLinks(deps: CoreDeps, raw: unknown, options: BulkOptions = {}): Promise<BulkResult> {
  const { links: rows } = parseInput(bulkInput(options.maxRows ?? MAX_BULK_LINKS), raw);
  const rowName = options.rowName ?? ((i: number) => `row ${i}`);
  const problems: RowProblem[] = [];
  const drafts: (LinkDraft | null)[] = rows.map((row, index) => {
    try {
      return draftLink(deps, row);
    } catch (e) {
      if (!isAppError(e)) throw e;
      problems.push({ index, message: e.message });
      return null;
    }
  });

  // A campaign-limited key learns which rows it may not create, before anything else (the dry run too).
  const limit = deps.campaignLimit;
  if (limit) {
    const refused = drafts.flatMap((d, index) =>
      d && !campaignAllowed({ campaigns: limit }, d.link.campaign)
        ? [
            {
              index,
              message:
                d.link.campaign === null
                  ? 'this key may create links only in its campaigns: give the row one'
                  : `this key may not use campaign "${d.link.campaign}"`,
            },
          ]
        : [],
    );
    if (refused.length > 0) {
      throw new AppError(
        'forbidden',
        'forbidden_scope',
        `${refused.length} of ${rows.length} rows are outside this key's campaigns; nothing was created`,
        { rows: refused },
      );
    }
  }

  const firstUse = new Map<string, number>();
  drafts.forEach((d, index) => {
    if (d?.slug === undefined) return;
    const first = firstUse.get(d.slug);
    if (first === undefined) firstUse.set(d.slug, index);
    else problems.push({ index, message: `slug "${d.slug}" is already used on ${rowName(first)}` });
  });
  const taken = await deps.links.takenSlugs([...firstUse.keys()]);
  for (const [slug, index] of firstUse) {
    if (taken.has(slug)) problems.push({ index, message: slugTaken(slug).message });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.index - b.index);
    throw invalid('invalid_rows', `${problems.length} of ${rows.length} rows are invalid; nothing was created`, {
      rows: problems,
    });
  }

  const slugs = await randomSlugsFor(deps, drafts as LinkDraft[], new Set(firstUse.keys()));
  const newLinks = (drafts as LinkDraft[]).map((d, i) => ({ ...d.link, slug: slugs[i]! }));
  if (options.dryRun) return { dryRun: true, links: newLinks };

  const created = await deps.links.insertMany(newLinks);
  // Checked slugs can still be taken by a link created meanwhile: then nothing was inserted.
  if (!created) {
    const now = await deps.links.takenSlugs(newLinks.map((l) => l.slug));
    const index = Math.max(
      0,
      newLinks.findIndex((l) => now.has(l.slug)),
    );
    const { message } = slugTaken(newLinks[index]!.slug);
    throw new AppError('conflict', 'slug_taken', message, { rows: [{ index, message }] });
  }
  for (const l of created) deps.linkCache.delete(l.slug);
  return { dryRun: false, links: created };
}

/** Each draft's slug: its custom one, or a random one free in the database and in the request. */
async function randomSlugsFor(deps: CoreDeps, drafts: LinkDraft[], used: Set<string>): Promise<string[]> {
  const slugs = drafts.map((d) => d.slug);
  for (let round = 0; round < RANDOM_SLUG_ROUNDS; round++) {
    const fresh = new Map<number, string>();
    slugs.forEach((s, i) => {
      if (s !== undefined) return;
      const slug = deps.newSlug();
      if (used.has(slug) || slugProblem(slug) !== null) return; // the next round tries again
      used.add(slug);
      fresh.set(i, slug);
    });
    if (fresh.size === 0) return slugs as string[];
    const taken = await deps.links.takenSlugs([...fresh.values()]);
    for (const [i, slug] of fresh) if (!taken.has(slug)) slugs[i] = slug;
  }
  if (slugs.every((s) => s !== undefined)) return slugs as string[];
  throw conflict('slug_exhausted', 'could not find free random slugs; try again');
}
