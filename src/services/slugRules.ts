import { invalid, slugProblem } from '../domain/index.js';

/** A custom slug as given, or the 400 that says why it cannot be one. */
export function checkSlug(slug: string): string {
  const problem = slugProblem(slug);
  if (problem === 'reserved') throw invalid('slug_reserved', `"${slug}" is reserved by linkpost`);
  if (problem === 'format') {
    throw invalid('invalid_slug', 'slug must be 1–64 characters of A–Z, a–z, 0–9, "_" or "-"');
  }
  return slug;
}
