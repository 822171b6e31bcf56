import type { ApiKeyStore, Clock, LinkCache, LinkStore } from '../domain/index.js';

/** What the verbs need from the outside world; each runtime entry builds one. */
export interface CoreDeps {
  links: LinkStore;
  apiKeys: ApiKeyStore;
  clock: Clock;
  linkCache: LinkCache;
  /** Base of short URLs, without a trailing slash. */
  publicUrl: string;
  /** SHA-256 hex of ADMIN_API_KEY, when one is configured. */
  adminKeyHash: string | null;
  newSlug(): string;
  /** The campaigns a campaign-limited key works in, set for its requests by limitToCampaigns. */
  campaignLimit?: readonly string[];
}
