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
