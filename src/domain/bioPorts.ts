import type { BioPage, BioPageChanges, BioPageViewCount, BioPageWithLinks, NewBioPage } from './bioPage.js';

/** Where bio pages and their entries live. Async, so D1 and better-sqlite3 both fit. */
export interface BioPageStore {
  /**
   * Writes a page and its entries (link ids, in order) as one unit. Throws the domain
   * conflict handle_taken when the handle is held. A link deleted meanwhile is left out.
   */
  insert(page: NewBioPage, linkIds: number[]): Promise<BioPageWithLinks>;
  byHandle(handle: string): Promise<BioPageWithLinks | null>;
  /** Every page, oldest first, with its entries. */
  list(): Promise<BioPageWithLinks[]>;
  /** Changes fields and, when `linkIds` is given, replaces the entries, as one unit. */
  update(id: number, changes: BioPageChanges, linkIds?: number[]): Promise<BioPageWithLinks | null>;
  /** Deletes a page, its entries and its view counts. */
  remove(id: number): Promise<boolean>;
  /** The ids of the links with these slugs, in one read; unknown slugs are absent. */
  linkIds(slugs: string[]): Promise<Map<string, number>>;
}

/** Page views as counters only: no address, user agent or visitor key is ever stored. */
export interface BioPageViewStore {
  /** Adds one view of a page on a UTC day, a person's or a bot's. */
  add(pageId: number, day: number, bot: boolean): Promise<void>;
  /** Adds several counts as one unit; counts of a page deleted meanwhile are dropped. */
  addAll(counts: (BioPageViewCount & { pageId: number })[]): Promise<void>;
  /** Counts of days in [fromDay, toDay], by day. */
  counts(pageId: number, fromDay: number, toDay: number): Promise<BioPageViewCount[]>;
}

/** Recently served pages by handle (null remembers a miss); edits forget them. */
export interface BioPageCache {
  get(handle: string): BioPageWithLinks | null | undefined;
  set(handle: string, page: BioPageWithLinks | null): void;
  delete(handle: string): void;
  /** Forgets every page: a link they show changed. */
  clear(): void;
}
