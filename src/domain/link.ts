import type { Network } from './network.js';
import type { Utm } from './utm.js';

/** The card a link-preview fetcher is shown instead of the redirect, when a post has one. */
export interface LinkPreview {
  title: string;
  description: string | null;
  /** https only: networks fetch it to draw the card. */
  imageUrl: string | null;
}

/** A short link is a post: where it goes, where it was published, and when. */
export interface Link {
  id: number;
  slug: string;
  url: string;
  destination: string;
  title: string | null;
  campaign: string | null;
  network: Network | null;
  utm: Utm;
  postedAt: number | null;
  createdAt: number;
  updatedAt: number;
  disabled: boolean;
  expiresAt: number | null;
  maxClicks: number | null;
  /** Human clicks so far (bots excluded), kept by the click writer. */
  humanClicks: number;
  preview: LinkPreview | null;
}

/** A link to store; without a preview it has none. */
export type NewLink = Omit<Link, 'id' | 'humanClicks' | 'preview'> & { preview?: LinkPreview | null };
export type LinkChanges = Partial<Omit<Link, 'id' | 'slug' | 'createdAt' | 'humanClicks'>>;

export type LinkState = 'live' | 'disabled' | 'expired' | 'exhausted';

export const MAX_CAMPAIGN_LENGTH = 100;
export const MAX_TITLE_LENGTH = 300;

/** Whether a link still redirects at `now`. */
export function linkState(link: Link, now: number): LinkState {
  if (link.disabled) return 'disabled';
  if (link.expiresAt !== null && link.expiresAt <= now) return 'expired';
  if (link.maxClicks !== null && link.humanClicks >= link.maxClicks) return 'exhausted';
  return 'live';
}

/** The post's time zero for comparisons: when it was posted, else when it was created. */
export const postTime = (link: Link): number => link.postedAt ?? link.createdAt;
