import { AppError, isAppError, type Link, type LinkStore } from '../domain/index.js';
import { createLink } from './createLink.js';
import type { CoreDeps } from './deps.js';

/** The columns an import file may have; `url` is the only one required. */
export const IMPORT_COLUMNS = ['url', 'slug', 'title', 'campaign', 'network', 'posted_at'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** One data row of an import file and the line it starts on, for the report. */
export interface ImportRow {
  line: number;
  values: Partial<Record<ImportColumn, string>>;
  /** Set when the reader could not make a row of it (a wrong number of fields). */
  problem?: string;
}

export interface RejectedRow {
  line: number;
  message: string;
}

export type ImportResult =
  | { ok: true; created: Link[] }
  | { ok: false; rejected: RejectedRow[]; rows: number };

export interface ImportDeps extends CoreDeps {
  /** Runs the work so that either every write in it stays or none does. */
  atomically<T>(work: () => Promise<T>): Promise<T>;
}

/** A row as createLink's input: an empty cell is an absent field. */
function linkInput(values: ImportRow['values']) {
  const cell = (name: ImportColumn) => values[name]?.trim() || undefined;
  return {
    url: values.url?.trim() ?? '',
    slug: cell('slug'),
    title: cell('title'),
    campaign: cell('campaign'),
    network: cell('network'),
    postedAt: cell('posted_at'),
  };
}

/**
 * A store that answers reads from the real one but only pretends to insert: running
 * createLink against it applies every rule of a real creation (URL, UTM, network, dates,
 * slug format, reserved and taken slugs) and writes nothing.
 */
function dryRunLinks(links: LinkStore): LinkStore {
  return {
    insert: async (link) => ({ ...link, id: 0, humanClicks: 0 }),
    bySlug: (slug) => links.bySlug(slug),
    list: (filter) => links.list(filter),
    count: (match) => links.count(match),
    update: async () => null,
    remove: async () => false,
    slugExists: (slug) => links.slugExists(slug),
    campaigns: () => links.campaigns(),
  };
}

// Input fields are camelCase, the file's columns are not: name the column the user wrote.
const columnName = (message: string) => message.replace(/^postedAt:/, 'posted_at:');

/**
 * Creates links in bulk: every row is checked first, by the same rules as createLink, and
 * slugs repeated within the file are caught too. One bad row and nothing is created; the
 * answer lists every rejected row by line. Otherwise all rows are created as one unit.
 */
export async function importLinks(deps: ImportDeps, rows: ImportRow[]): Promise<ImportResult> {
  const rejected: RejectedRow[] = [];
  const dryRun = { ...deps, links: dryRunLinks(deps.links) };
  const slugLines = new Map<string, number>();
  for (const row of rows) {
    if (row.problem) {
      rejected.push({ line: row.line, message: row.problem });
      continue;
    }
    const input = linkInput(row.values);
    if (input.slug !== undefined) {
      const first = slugLines.get(input.slug);
      if (first !== undefined) {
        rejected.push({ line: row.line, message: `slug "${input.slug}" is already used on line ${first}` });
        continue;
      }
      slugLines.set(input.slug, row.line);
    }
    try {
      await createLink(dryRun, input);
    } catch (e) {
      if (!isAppError(e)) throw e;
      rejected.push({ line: row.line, message: columnName(e.message) });
    }
  }
  if (rejected.length > 0) return { ok: false, rejected, rows: rows.length };
  // Checked rows can still collide with a link created meanwhile: then the unit rolls back.
  const created = await deps.atomically(async () => {
    const links: Link[] = [];
    for (const row of rows) {
      try {
        links.push(await createLink(deps, linkInput(row.values)));
      } catch (e) {
        if (!isAppError(e)) throw e;
        throw new AppError(e.kind, e.code, `line ${row.line}: ${columnName(e.message)}; nothing was created`);
      }
    }
    return links;
  });
  return { ok: true, created };
}
