import {
  conflict, invalid, parseDestination, slugProblem, slugTaken, utmFor, withUtm, type Link,
} from '../domain/index.js';
import type { CoreDeps } from './deps.js';
import { createLinkInput, type CreateLinkInput } from './linkInput.js';
import { parseInput } from './parse.js';

const RANDOM_SLUG_ATTEMPTS = 5;

/** Creates a post's short link: validates the destination, tags it with UTM, picks a slug. */
export async function createLink(deps: CoreDeps, raw: CreateLinkInput | unknown): Promise<Link> {
  const input = parseInput(createLinkInput, raw);
  const url = parseDestination(input.url, deps.publicUrl);
  const network = input.network ?? null;
  const campaign = input.campaign || null;
  const utm = utmFor(network, campaign, input.utm);
  const slug = input.slug === undefined ? await freeRandomSlug(deps) : await checkedSlug(deps, input.slug);
  const now = deps.clock();
  // A race for the same custom slug is settled by the store's unique index (409 slug_taken).
  const link = await deps.links.insert({
    slug,
    url: url.href,
    destination: withUtm(url, utm),
    title: input.title || null,
    campaign,
    network,
    utm,
    postedAt: input.postedAt ?? null,
    createdAt: now,
    updatedAt: now,
    disabled: false,
    expiresAt: input.expiresAt ?? null,
    maxClicks: input.maxClicks ?? null,
  });
  deps.linkCache.delete(slug); // a miss remembered a moment ago
  return link;
}

async function checkedSlug(deps: CoreDeps, slug: string): Promise<string> {
  const problem = slugProblem(slug);
  if (problem === 'reserved') throw invalid('slug_reserved', `"${slug}" is reserved by linkpost`);
  if (problem === 'format') {
    throw invalid('invalid_slug', 'slug must be 1–64 characters of A–Z, a–z, 0–9, "_" or "-"');
  }
  if (await deps.links.slugExists(slug)) throw slugTaken(slug);
  return slug;
}

async function freeRandomSlug(deps: CoreDeps): Promise<string> {
  for (let i = 0; i < RANDOM_SLUG_ATTEMPTS; i++) {
    const slug = deps.newSlug();
    if (slugProblem(slug) === null && !(await deps.links.slugExists(slug))) return slug;
  }
  throw conflict('slug_exhausted', 'could not find a free random slug; try again');
}
