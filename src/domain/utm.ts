import { mediumFor, type Network } from './network.js';

export const UTM_FIELDS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
export type UtmField = (typeof UTM_FIELDS)[number];
export type Utm = Partial<Record<UtmField, string>>;

/** "Spring Launch 2026" → "spring-launch-2026": the form analytics tools group best. */
export function campaignTag(campaign: string): string {
  return campaign.trim().toLowerCase().replace(/\s+/g, '-');
}

/**
 * The UTM tags a post gets: derived from its network and campaign, explicit fields winning.
 * Empty when there is nothing to derive from.
 */
export function utmFor(network: Network | null, campaign: string | null, explicit: Utm = {}): Utm {
  const utm: Utm = {};
  if (network) {
    utm.source = network;
    utm.medium = mediumFor(network);
  }
  if (campaign && campaign.trim()) utm.campaign = campaignTag(campaign);
  if (Object.keys(utm).length > 0 && !utm.medium) utm.medium = 'social';
  for (const field of UTM_FIELDS) {
    const value = explicit[field]?.trim();
    if (value) utm[field] = value;
  }
  return utm;
}

/** The destination with UTM parameters added; parameters already on the URL are kept. */
export function withUtm(url: URL, utm: Utm): string {
  const out = new URL(url.href);
  for (const field of UTM_FIELDS) {
    const value = utm[field];
    const key = `utm_${field}`;
    if (value && !out.searchParams.has(key)) out.searchParams.set(key, value);
  }
  return out.href;
}
