import type { ApiKey } from './apiKey.js';
import type { Link, LinkChanges, NewLink } from './link.js';
import type { Network } from './network.js';

export interface LinkFilter {
  campaign?: string;
  network?: Network;
  q?: string;
  limit: number;
  /** Return links with an id lower than this (newest first paging). */
  beforeId?: number;
  /** Skip this many matches first, for APIs that page by number. */
  offset?: number;
  /** Only links in these campaigns: the limit of a campaign-limited key, forced into the query. */
  within?: readonly string[];
}

/** What a link count filters on: a listing's filter without its paging. */
export type LinkMatch = Omit<LinkFilter, 'limit' | 'beforeId' | 'offset'>;

/** Where links live. Every method is async so D1 and better-sqlite3 both fit. */
export interface LinkStore {
  /** Throws the domain conflict slug_taken when the unique index already holds the slug. */
  insert(link: NewLink): Promise<Link>;
  /** The link, if it is in one of `within`'s campaigns (when given). */
  bySlug(slug: string, within?: readonly string[]): Promise<Link | null>;
  list(filter: LinkFilter): Promise<Link[]>;
  /** How many links match, for APIs that show a total. */
  count(match: LinkMatch): Promise<number>;
  /** Null when no such link, or it is outside `within`'s campaigns (when given). */
  update(id: number, changes: LinkChanges, within?: readonly string[]): Promise<Link | null>;
  remove(id: number, within?: readonly string[]): Promise<boolean>;
  slugExists(slug: string): Promise<boolean>;
  /** Which of these slugs are taken, in one query whatever their number. */
  takenSlugs(slugs: string[]): Promise<Set<string>>;
  /**
   * Inserts all the links in one statement, or none of them when any slug is taken by then
   * (null): the all-or-nothing of bulk creation, on a database that allows no transactions.
   */
  insertMany(links: NewLink[]): Promise<Link[] | null>;
  /** Distinct campaign names, for suggestions (only `within`'s, when given). */
  campaigns(within?: readonly string[]): Promise<string[]>;
}

export interface ApiKeyStore {
  insert(key: Omit<ApiKey, 'id'>): Promise<ApiKey>;
  byPrefix(prefix: string): Promise<ApiKey | null>;
  list(): Promise<ApiKey[]>;
  revoke(id: number, at: number): Promise<boolean>;
  countActive(): Promise<number>;
  /** Sets lastUsedAt to `at` unless it is already later than `staleBefore` (one write a minute, across isolates). */
  touch(id: number, at: number, staleBefore: number): Promise<void>;
}

/** Milliseconds since the epoch; injected so tests control time. */
export type Clock = () => number;

/** A small cache of hot links for the redirect path. */
export interface LinkCache {
  get(slug: string): Link | null | undefined;
  set(slug: string, link: Link | null): void;
  delete(slug: string): void;
  /** Forgets every entry: another process changed some link. */
  clear(): void;
}

/** A number that moves whenever any link's definition changes, in any process. */
export interface LinkVersionReader {
  current(): Promise<number>;
}

/** Country, region and city for an address; never throws, an unknown place is empty. */
export interface GeoLookup {
  locate(address: string): import('./click.js').Location;
}

export interface ClickFilter {
  linkIds?: number[];
  slug?: string;
  campaign?: string;
  network?: Network;
  from?: number;
  to?: number;
  bots: 'include' | 'exclude' | 'only';
  limit: number;
  /** Return clicks with an id lower than this (newest first paging). */
  beforeId?: number;
  /** Only clicks on links in these campaigns: a campaign-limited key's limit, forced into the query. */
  within?: readonly string[];
}

/** A stored click joined with its post, as listings and exports show it. */
export interface ClickRow extends Omit<import('./click.js').Click, 'firstOfDay' | 'userAgent'> {
  id: number;
  slug: string;
  campaign: string | null;
  network: string | null;
}

/**
 * Writes enriched clicks, and their links' human counts, as one unit. Counting is not part of
 * it: the runtime that writes also counts (D1 adds counterStatements to the same batch; Node's
 * click thread counts after writing, deciding first-of-day then). The clicks come back as
 * written.
 */
export interface ClickWriter {
  insertBatch(clicks: import('./click.js').NewClick[]): Promise<import('./click.js').Click[]>;
}

export interface VisitorSaltStore {
  /** The salt for a UTC day, created if it does not exist yet (the first writer wins). */
  saltFor(day: string, candidate: string, now: number): Promise<string>;
  /** Deletes salts and seen-visitor rows of days before `day`. */
  pruneBefore(day: string): Promise<void>;
}

/** A click as the CSV export shows it: the click, its post's slug, title and destination. */
export interface ClickExportRow extends ClickRow {
  title: string | null;
  destination: string;
}

/** Reads stored clicks: listings newest first, and exports a page at a time, oldest first, so memory stays flat. */
export interface ClickReader {
  /** Up to `filter.limit` clicks, newest first, below `filter.beforeId` when given. */
  list(filter: ClickFilter): Promise<ClickRow[]>;
  /** Up to `limit` clicks matching the filter with an id greater than `afterId`, by id. */
  page(filter: Omit<ClickFilter, 'limit' | 'beforeId'>, afterId: number, limit: number): Promise<ClickExportRow[]>;
  /** How many clicks match, for progress bars. */
  count(filter: Omit<ClickFilter, 'limit' | 'beforeId'>): Promise<number>;
}

/** A link as stats show it: enough to label a row and align a post. */
export interface StatsLink {
  id: number;
  slug: string;
  title: string | null;
  campaign: string | null;
  network: string | null;
  /** When it was posted, else when it was created (the compare "hour 0"). */
  postedAt: number;
}

/** Clicks and uniques of one counter bucket; `at` is its UTC start. */
export interface BucketCount {
  at: number;
  bot: boolean;
  clicks: number;
  uniques: number;
}

/** Clicks and uniques of one value of a click dimension; null is unknown (or no referrer). */
export interface DimensionCount {
  dim: import('./stats.js').ClickDimension;
  value: string | null;
  clicks: number;
  uniques: number;
}

/** A DimensionCount for one link. */
export interface LinkDimensionCount extends DimensionCount {
  linkId: number;
}

export interface LinkCount {
  link: StatsLink;
  clicks: number;
  uniques: number;
}

/**
 * Reads the pre-aggregated click counters, never raw clicks. Ranges are [from, to) in UTC ms,
 * both on quarter hours; each answer is exact for any scope.
 */
export interface StatsStore {
  /** Counts per bucket no coarser than `step`, humans and bots apart, bots mode ignored. */
  timeline(
    scope: import('./stats.js').StatsScope,
    from: number,
    to: number,
    step: import('./timeBuckets.js').Grain,
  ): Promise<BucketCount[]>;
  /** Counts per value of every click dimension. */
  dimensions(
    scope: import('./stats.js').StatsScope,
    from: number,
    to: number,
    bots: import('./stats.js').BotMode,
  ): Promise<DimensionCount[]>;
  /**
   * Counts per link and value of the given dimensions, for links with clicks in the range: one
   * read for a whole report, where a `dimensions` call per link would cost a query per post
   * (D1 caps queries per request).
   */
  linkDimensions(
    scope: import('./stats.js').StatsScope,
    from: number,
    to: number,
    bots: import('./stats.js').BotMode,
    dims: readonly import('./stats.js').ClickDimension[],
  ): Promise<LinkDimensionCount[]>;
  /** Counts per link, for links with clicks in the range. */
  links(
    scope: import('./stats.js').StatsScope,
    from: number,
    to: number,
    bots: import('./stats.js').BotMode,
  ): Promise<LinkCount[]>;
  /** The links a scope selects by campaign, network, slug or id, clicked or not. */
  linksIn(scope: import('./stats.js').StatsScope): Promise<StatsLink[]>;
}

/** Raw clicks' retention (CLICK_RETENTION_DAYS). */
export interface ClickPruner {
  /** Deletes at most `limit` counted clicks from before `before` (UTC ms); returns how many. */
  deleteBefore(before: number, limit: number): Promise<number>;
}

/** Upkeep of the counters. */
export interface CounterStore {
  /** Throws the counters away and recomputes them from raw clicks, as one unit. */
  rebuild(): Promise<void>;
}
