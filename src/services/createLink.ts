import {
  conflict,
  parseDestination,
  slugProblem,
  slugTaken,
  utmFor,
  withUtm,
  type Link,
  type NewLink,
} from '../domain/index.js';
import type { CoreDeps } from './deps.js';
import { checkSlug } from './slugRules.js';
import { createLinkInput, type CreateLinkInput } from './linkInput.js';
import { parseInput } from './parse.js';

const RANDOM_SLUG_ATTEMPTS = 5;

/** A post's link as it will be stored, but for the slug a random one still has to get. */
export interface LinkDraft {
  /** The custom slug asked for (format and reserved words checked), or undefined for a random one. */
  slug: string | undefined;
  link: Omit<NewLink, 'slug'>;
}

/**
 * Every rule of creating a link that needs no database: the input, the destination (no loops,
 * no unsafe schemes), UTM tags and the custom slug's form. Bulk creation checks rows with it.
 */
export function draftLink(deps: Pick<CoreDeps, 'publicUrl' | 'clock'>, raw: CreateLinkInput | unknown): LinkDraft {
  const input = parseInput(createLinkInput, raw);
  const url = parseDestination(input.url, deps.publicUrl);
  const network = input.network ?? null;
  const campaign = input.campaign || null;
  const utm = utmFor(network, campaign, input.utm);
  const now = deps.clock();
  return {
    slug: input.slug === undefined ? undefined : checkSlug(input.slug),
    link: {
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
      preview: input.preview ?? null,
    },
  };
}

/** Creates a post's short link: validates the destination, tags it with UTM, picks a slug. */
export async function createLink(deps: CoreDeps, raw: CreateLinkInput | unknown): Promise<Link> {
  const draft = draftLink(deps, raw);
  let slug: string;
  if (draft.slug === undefined) slug = await freeRandomSlug(deps);
  else if (await deps.links.slugExists(draft.slug)) throw slugTaken(draft.slug);
  else slug = draft.slug;
  // A race for the same custom slug is settled by the store's unique index (409 slug_taken).
  const link = await deps.links.insert({ ...draft.link, slug });
  deps.linkCache.delete(slug); // a miss remembered a moment ago
  return link;
}

async function freeRandomSlug(deps: CoreDeps): Promise<string> {
  for (let i = 0; i < RANDOM_SLUG_ATTEMPTS; i++) {
    const slug = deps.newSlug();
    if (slugProblem(slug) === null && !(await deps.links.slugExists(slug))) return slug;
  }
  throw conflict('slug_exhausted', 'could not find a free random slug; try again');
}
