import { z } from 'zod';
import { BIO_LIMITS, invalid } from '../domain/index.js';

const avatarUrl = z
  .string()
  .trim()
  .max(BIO_LIMITS.avatarUrl, `at most ${BIO_LIMITS.avatarUrl} characters`)
  .refine((v) => v === '' || isHttpsImageUrl(v), 'must be an https URL without user:password@');

/** The page's avatar: https only (the page's CSP allows https: images and nothing else remote). */
function isHttpsImageUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && !url.username && !url.password;
  } catch {
    return false;
  }
}

const fields = {
  title: z.string().trim().min(1, 'must not be empty').max(BIO_LIMITS.title, `at most ${BIO_LIMITS.title} characters`),
  text: z.string().trim().max(BIO_LIMITS.text, `at most ${BIO_LIMITS.text} characters`).nullish(),
  avatarUrl: avatarUrl.nullish(),
  links: z.array(z.string().max(64)).max(BIO_LIMITS.links, `at most ${BIO_LIMITS.links} entries`),
};

export const createBioPageInput = z
  .object({ handle: z.string().max(64), ...fields, links: fields.links.default([]) })
  .strict();
export type CreateBioPageInput = z.input<typeof createBioPageInput>;

export const updateBioPageInput = z
  .object({
    title: fields.title.optional(),
    text: fields.text,
    avatarUrl: fields.avatarUrl,
    links: fields.links.optional(),
  })
  .strict();
export type UpdateBioPageInput = z.input<typeof updateBioPageInput>;

/** Empty optional text is no text. */
export const orNull = (v: string | null | undefined): string | null => (v ? v : null);

/** Slugs → link ids in order: an unknown or repeated slug is a 400 that names it. */
export async function entryLinkIds(
  lookup: (slugs: string[]) => Promise<Map<string, number>>,
  slugs: string[],
): Promise<number[]> {
  const seen = new Set<string>();
  for (const slug of slugs) {
    if (seen.has(slug)) throw invalid('duplicate_link', `links: "${slug}" appears more than once`);
    seen.add(slug);
  }
  const ids = await lookup(slugs);
  const unknown = slugs.find((s) => !ids.has(s));
  if (unknown !== undefined) throw invalid('unknown_link', `links: no link with slug "${unknown}"`, { slug: unknown });
  return slugs.map((s) => ids.get(s)!);
}
