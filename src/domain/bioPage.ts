import type { Link } from './link.js';
import { conflict, invalid, notFound } from './errors.js';
import { slugProblem } from './slug.js';

/** A link-in-bio page: one public page per brand at /@handle, its entries existing short links. */
export interface BioPage {
  id: number;
  /** Follows the slug rules (case-sensitive, reserved words refused). */
  handle: string;
  title: string;
  text: string | null;
  /** An https image shown above the title. */
  avatarUrl: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A page with its entries in order; every entry is a short link, whatever its state. */
export interface BioPageWithLinks extends BioPage {
  links: Link[];
}

export type NewBioPage = Omit<BioPage, 'id'>;
export type BioPageChanges = Partial<Pick<BioPage, 'title' | 'text' | 'avatarUrl' | 'updatedAt'>>;

/** Named limits that keep a page small (the public page stays under 15 KB at these sizes). */
export const BIO_LIMITS = {
  title: 100,
  text: 500,
  avatarUrl: 2048,
  links: 25,
  /** How much of an entry's title the page shows. */
  entryLabel: 120,
} as const;

/** Why a handle cannot be used, as the API says it. */
export function checkHandle(handle: string): void {
  const problem = slugProblem(handle);
  if (problem === 'reserved') throw invalid('handle_reserved', `"${handle}" is reserved by linkpost`);
  if (problem === 'format') {
    throw invalid('invalid_handle', 'handle must be 1–64 characters of A–Z, a–z, 0–9, "_" or "-"');
  }
}

export const handleTaken = (handle: string) => conflict('handle_taken', `the handle "${handle}" is already taken`);
export const bioPageNotFound = (handle: string) =>
  notFound('bio_page_not_found', `no bio page with handle "${handle}"`);

/** The label an entry shows: its post's title, else where it goes. */
export function entryLabel(link: Link): string {
  const label = link.title?.trim() || hostAndPath(link.url);
  return label.length > BIO_LIMITS.entryLabel ? `${label.slice(0, BIO_LIMITS.entryLabel - 1)}…` : label;
}

function hostAndPath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, '')}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}

/** UTC day start of an instant: page views are counted per day. */
export const dayStart = (ms: number): number => ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000);

/** Page views of one UTC day, people and bots apart. */
export interface BioPageViewCount {
  day: number;
  bot: boolean;
  views: number;
}
