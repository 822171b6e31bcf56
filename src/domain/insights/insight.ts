/** A recommendation or warning, with every figure its text uses and how sure it can be. */
import type { Network } from '../network.js';

export type Confidence = 'low' | 'medium' | 'high';
export const INSIGHT_KINDS = [
  'publishing_window',
  'network_choice',
  'post_lifetime',
  'attribution',
  'missing_data',
] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

export interface Insight {
  /** Stable for the same data: the rule and what it is about ("publishing_window:linkedin"). */
  id: string;
  kind: InsightKind;
  text: string;
  evidence: Record<string, unknown>;
  confidence: Confidence;
}

/** What the rules know of one post posted in the range (figures follow the query's bots mode). */
export interface PostFacts {
  slug: string;
  network: string | null;
  campaign: string | null;
  /** UTC ms, and as the viewer's wall clock reads it ("2026-03-03 09:00"). */
  postedAt: number;
  postedLocal: string;
  /** Local week hour of the posting time (Monday 0) and the local date, for spreading. */
  weekHour: number;
  localDate: string;
  h24: number | null;
  h72: number | null;
  d7: number | null;
  halfLifeHours: number | null;
  /** Clicks in the first week so far, and in the week before the posting quarter hour. */
  weekClicks: number;
  beforePosted: number;
}

/** Clicks in the range per network of the posts, for attribution warnings. */
export interface NetworkClickFacts {
  network: string | null;
  /** People's clicks (bots excluded), of them without a referrer, and attributed to no source. */
  clicks: number;
  noReferrer: number;
  direct: number;
  /** Bot and preview-crawler hits. */
  bots: number;
}

export interface InsightFacts {
  tz: string;
  /** The campaigns the query names, each judged on its own; null: all posts together. */
  campaigns: string[] | null;
  posts: PostFacts[];
  networks: NetworkClickFacts[];
}

export type InsightRule = (facts: InsightFacts) => Insight[];

/** Sure enough from the smaller sample: at least `high` is high, at least `medium` medium. */
export function confidenceFor(n: number, medium: number, high: number): Confidence {
  return n >= high ? 'high' : n >= medium ? 'medium' : 'low';
}

export const lowerConfidence = (c: Confidence): Confidence => (c === 'high' ? 'medium' : 'low');

const LABELS: Record<Network, string> = {
  x: 'X',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  threads: 'Threads',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  reddit: 'Reddit',
  pinterest: 'Pinterest',
  snapchat: 'Snapchat',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  email: 'email',
  newsletter: 'newsletter',
  other: 'other',
};

/** How a network is named in a sentence. */
export const networkLabel = (network: string | null): string =>
  network === null ? 'untagged' : ((LABELS as Record<string, string>)[network] ?? network);

/** "1 post" / "3 posts". */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Figures as the texts print them: whole numbers with separators, else one decimal. */
export const fmt = (n: number): string =>
  Number.isInteger(n)
    ? n.toLocaleString('en-US')
    : n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((100 * part) / whole));

/** Networks in a stable order: by name, untagged last. */
export const byNetwork = <T extends { network: string | null }>(a: T, b: T): number =>
  a.network === b.network ? 0 : a.network === null ? 1 : b.network === null ? -1 : a.network.localeCompare(b.network);
