import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { IMPORT_COLUMNS, importLinks, type ImportColumn, type ImportRow } from '../services/importLinks.js';
import { UsageError, type CliContext } from './context.js';
import { checkFlags, type Flags } from './links.js';

const USAGE = `usage: import FILE.csv [--dry-run]
  columns (header row, any order): ${IMPORT_COLUMNS.join(', ')}; only url is required`;

interface Parsed {
  record: string[];
  /** `bytes`: where the record ends in the file (its line break included), BOM counted. */
  info: { bytes: number };
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * The 1-based line each record starts on. csv-parse's own line count takes the CR and the LF of
 * a CRLF inside a quoted cell as two lines, so count breaks in the bytes instead: CRLF, CR or LF
 * is one line, and the blank lines before a record are skipped.
 */
function startLines(bytes: Buffer, parsed: Parsed[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let at = 0;
  const breakTo = (end: number) => {
    for (; at < end; at++) {
      if (bytes[at] === LF || (bytes[at] === CR && bytes[at + 1] !== LF)) line++;
    }
  };
  for (const { info } of parsed) {
    while (at < bytes.length && (bytes[at] === CR || bytes[at] === LF)) breakTo(at + 1);
    lines.push(line);
    breakTo(info.bytes);
  }
  return lines;
}

/** Spreadsheets export emptied rows as a line of commas: nothing to import, nothing to report. */
const blank = (record: string[]) => record.every((field) => field.trim() === '');

/**
 * Reads an import file with a real CSV parser: quoted fields, embedded newlines, a BOM.
 * Each row keeps the line it starts on, so the report points where a spreadsheet user looks.
 */
export function readImportFile(text: string): ImportRow[] {
  let parsed: Parsed[];
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as Parsed[];
  } catch (e) {
    throw new UsageError(`not a readable CSV file: ${(e as Error).message}`);
  }
  if (parsed.length === 0) throw new UsageError(`the file is empty\n${USAGE}`);
  const lines = startLines(Buffer.from(text, 'utf8'), parsed);
  const header = parsed[0]!.record.map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw new UsageError(`unknown column "${unknown[0]}" in the header (line ${lines[0]})\n${USAGE}`);
  const repeated = header.find((h, i) => header.indexOf(h) !== i);
  if (repeated) throw new UsageError(`column "${repeated}" appears twice in the header (line ${lines[0]})`);
  if (!header.includes('url')) throw new UsageError(`the header has no "url" column\n${USAGE}`);

  const rows: ImportRow[] = [];
  for (const [i, { record }] of parsed.entries()) {
    if (i === 0 || blank(record)) continue;
    const line = lines[i]!;
    if (record.length !== header.length) {
      rows.push({ line, values: {}, problem: `expected ${header.length} fields, found ${record.length}` });
      continue;
    }
    rows.push({ line, values: Object.fromEntries(header.map((h, i) => [h as ImportColumn, record[i]!])) });
  }
  return rows;
}

/** import FILE.csv [--dry-run]: all rows are created, or none and a report of why. */
export async function importCommand(ctx: CliContext, args: string[], flags: Flags) {
  checkFlags(flags, { booleans: ['dry-run'] }, USAGE, args);
  const [path, extra] = args;
  if (!path || extra !== undefined) throw new UsageError(USAGE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const rows = readImportFile(text);
  if (rows.length === 0) throw new UsageError(`${path} has a header but no rows`);
  const dryRun = Boolean(flags['dry-run']);
  const result = await importLinks(ctx.deps, rows, { dryRun });
  if (result.ok && dryRun) {
    ctx.out(`${rows.length} rows are valid; nothing was created (--dry-run)`);
    return;
  }
  if (!result.ok) {
    const lines = result.rejected.map((r) => `  line ${r.line}: ${r.message}`);
    throw new UsageError(
      `${result.rejected.length} of ${result.rows} rows rejected; nothing was created:\n${lines.join('\n')}`,
    );
  }
  for (const link of result.created) ctx.out(`${ctx.deps.publicUrl}/${link.slug}\t${link.destination}`);
  ctx.out(`Created ${result.created.length} links`);
}
