import { AppError, isAppError, type NewLink } from '../domain/index.js';
import { createLinks, type RowProblem } from './createLinks.js';
import type { CoreDeps } from './deps.js';

/** The columns an import file may have; `url` is the only one required. */
export const IMPORT_COLUMNS = [
  'url',
  'slug',
  'title',
  'campaign',
  'network',
  'posted_at',
  'preview_title',
  'preview_description',
  'preview_image_url',
] as const;
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
  /** With dryRun, the links as they would be created. */
  { ok: true; created: NewLink[] } | { ok: false; rejected: RejectedRow[]; rows: number };

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
    // A card needs its title; description and image alone are refused by the preview's rule.
    preview:
      cell('preview_title') || cell('preview_description') || cell('preview_image_url')
        ? {
            title: cell('preview_title') ?? '',
            description: cell('preview_description'),
            imageUrl: cell('preview_image_url'),
          }
        : undefined,
  };
}

// Input fields are camelCase, the file's columns are not: name the column the user wrote.
const columnName = (message: string) =>
  message
    .replace(/^postedAt:/, 'posted_at:')
    .replace(/^preview\.title:/, 'preview_title:')
    .replace(/^preview\.description:/, 'preview_description:')
    .replace(/^preview\.imageUrl:/, 'preview_image_url:');

/**
 * Creates the links of an import file through createLinks, the API's bulk creation: every row
 * is checked by the same rules, one bad row and nothing is created, and the answer lists every
 * rejected row by line. A file is not bound by the API's 1,000 rows.
 */
export async function importLinks(
  deps: CoreDeps,
  rows: ImportRow[],
  options: { dryRun?: boolean } = {},
): Promise<ImportResult> {
  const rejected: RejectedRow[] = rows.flatMap((r) => (r.problem ? [{ line: r.line, message: r.problem }] : []));
  const readable = rows.filter((r) => !r.problem);
  const lineOf = (index: number) => readable[index]!.line;
  if (readable.length > 0) {
    try {
      const result = await createLinks(
        deps,
        { links: readable.map((r) => linkInput(r.values)) },
        { dryRun: options.dryRun || rejected.length > 0, rowName: (i) => `line ${lineOf(i)}`, maxRows: Infinity },
      );
      if (rejected.length === 0) return { ok: true, created: result.links };
    } catch (e) {
      const problems = isAppError(e) ? (e.details as { rows?: RowProblem[] } | undefined)?.rows : undefined;
      if (!isAppError(e) || !problems) throw e;
      if (e.code !== 'invalid_rows') {
        // A slug taken between the checks and the insert: the unit is refused as a whole.
        const [p] = problems;
        throw new AppError(e.kind, e.code, `line ${lineOf(p!.index)}: ${p!.message}; nothing was created`);
      }
      rejected.push(...problems.map((p) => ({ line: lineOf(p.index), message: columnName(p.message) })));
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  return { ok: false, rejected, rows: rows.length };
}
