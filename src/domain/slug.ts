import { conflict } from './errors.js';

/** Custom slugs: 1–64 URL-safe characters, case-sensitive. */
export const SLUG_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const RANDOM_SLUG_LENGTH = 7;

/**
 * First path segments the app serves itself; a slug must not shadow them.
 * Compared case-insensitively so /API or /Dashboard cannot confuse a reader either.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'api',
  'healthz',
  'assets',
  'dashboard',
  'static',
  'favicon.ico',
  'robots.txt',
  'index.html',
  'login',
  'logout',
  'admin',
  'vendor',
  'public',
  'qr',
  'docs',
  // The compatible APIs' prefixes (src/http/compat).
  'compat',
  'yourls-api.php',
]);

export type SlugProblem = 'format' | 'reserved';

/** Why a custom slug cannot be used, or null when it can. */
export function slugProblem(slug: string): SlugProblem | null {
  if (RESERVED_SLUGS.has(slug.toLowerCase())) return 'reserved';
  if (!SLUG_PATTERN.test(slug)) return 'format';
  return null;
}

/** The one answer for a slug someone else holds, whether a lookup or the unique index found it. */
export const slugTaken = (slug: string) => conflict('slug_taken', `the slug "${slug}" is already taken`);
