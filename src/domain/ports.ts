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
}

/** Where links live. Every method is async so D1 and better-sqlite3 both fit. */
export interface LinkStore {
  insert(link: NewLink): Promise<Link>;
  bySlug(slug: string): Promise<Link | null>;
  list(filter: LinkFilter): Promise<Link[]>;
  update(id: number, changes: LinkChanges): Promise<Link | null>;
  remove(id: number): Promise<boolean>;
  slugExists(slug: string): Promise<boolean>;
  /** Distinct campaign names, for suggestions. */
  campaigns(): Promise<string[]>;
}

export interface ApiKeyStore {
  insert(key: Omit<ApiKey, 'id'>): Promise<ApiKey>;
  byPrefix(prefix: string): Promise<ApiKey | null>;
  list(): Promise<ApiKey[]>;
  revoke(id: number, at: number): Promise<boolean>;
  countActive(): Promise<number>;
}

/** Milliseconds since the epoch; injected so tests control time. */
export type Clock = () => number;

/** A small cache of hot links for the redirect path. */
export interface LinkCache {
  get(slug: string): Link | null | undefined;
  set(slug: string, link: Link | null): void;
  delete(slug: string): void;
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
}

/** A stored click joined with its post, as listings and exports show it. */
export interface ClickRow extends Omit<import('./click.js').Click, 'firstOfDay' | 'userAgent'> {
  id: number;
  slug: string;
  campaign: string | null;
  network: string | null;
}

export interface ClickStore {
  /** Writes clicks and the counters that depend on them as one unit. */
  insertBatch(clicks: import('./click.js').Click[]): Promise<void>;
  /** Which of these (day, link, visitor) triples were already seen; keys as `${day}|${linkId}|${visitor}`. */
  seenToday(keys: { day: string; linkId: number; visitor: string }[]): Promise<Set<string>>;
  list(filter: ClickFilter): Promise<ClickRow[]>;
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

/** Reads clicks for export one page at a time, oldest first, so memory stays flat. */
export interface ClickExportReader {
  /** Up to `limit` clicks matching the filter with an id greater than `afterId`, by id. */
  page(filter: Omit<ClickFilter, 'limit' | 'beforeId'>, afterId: number, limit: number): Promise<ClickExportRow[]>;
  /** How many clicks match, for progress bars. */
  count(filter: Omit<ClickFilter, 'limit' | 'beforeId'>): Promise<number>;
}
