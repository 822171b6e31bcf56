import { z } from 'zod';
import {
  CSV_BOM,
  csvRecord,
  formatLocal,
  zoneView,
  type ClickReader,
  type ClickExportRow,
  type ClickFilter,
  type Clock,
} from '../domain/index.js';
import { clickFilterFields } from './clickFilter.js';
import { parseInput } from './parse.js';
import { instantMessage, parseInstant, tzField } from './statsInput.js';

/** The export's columns, in order; the header row is exactly these names. */
export const CLICK_CSV_COLUMNS = [
  'clicked_at',
  'slug',
  'short_url',
  'title',
  'campaign',
  'network',
  'destination',
  'source',
  'referrer',
  'referrer_host',
  'country',
  'region',
  'city',
  'device',
  'os',
  'browser',
  'bot',
  'qr',
  'visitor',
] as const;

/** Rows per query: big enough that a million clicks is a thousand queries, small enough for D1. */
export const EXPORT_PAGE_SIZE = 1000;

export interface ExportDeps {
  clickExport: Pick<ClickReader, 'page' | 'count'>;
  clock: Clock;
  /** Base of short URLs, without a trailing slash. */
  publicUrl: string;
}

/** The calendar day of an instant in a zone, as YYYY-MM-DD. */
export const dayIn = (ms: number, tz: string): string => formatLocal(zoneView(tz, ms, ms), ms).slice(0, 10);

const when = z.string().max(40);
export const exportClicksInput = z
  .object({
    slug: clickFilterFields.slug,
    campaign: clickFilterFields.campaign,
    network: clickFilterFields.network,
    from: when.optional(),
    to: when.optional(),
    tz: tzField,
    bots: z.enum(['include', 'exclude', 'only']).default('include'),
  })
  .transform((input, ctx) => {
    // Dates are read as /api/stats reads them: midnight in tz, wall times in tz, offsets as written.
    const at = (field: 'from' | 'to') => {
      const value = input[field];
      if (value === undefined) return undefined;
      const ms = parseInstant(value, input.tz);
      if (ms === null) ctx.addIssue({ code: 'custom', path: [field], message: instantMessage(value) });
      return ms ?? undefined;
    };
    const from = at('from');
    const to = at('to');
    if (from !== undefined && to !== undefined && to < from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the range ends before it starts' });
    }
    return { ...input, from, to };
  });
export type ExportClicksInput = z.input<typeof exportClicksInput>;
export type ExportFilter = Omit<ClickFilter, 'limit' | 'beforeId'>;

/** Lowercase ASCII letters, digits and dashes: safe in any file system and header. */
export function filenamePart(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** `linkpost-clicks-<filter>-<export day>.csv`, "all" when nothing is filtered. */
export function exportFilename(input: z.output<typeof exportClicksInput>, now: number) {
  const parts = [input.slug, input.campaign, input.network].filter((v): v is string => !!v).map(filenamePart);
  if (input.bots === 'exclude') parts.push('humans');
  if (input.bots === 'only') parts.push('bots');
  if (input.from !== undefined) parts.push(`from-${dayIn(input.from, input.tz)}`);
  if (input.to !== undefined) parts.push(`to-${dayIn(input.to, input.tz)}`);
  const filter = parts.filter(Boolean).join('-') || 'all';
  return `linkpost-clicks-${filter}-${dayIn(now, input.tz)}.csv`;
}

/** One click as its CSV cells, in CLICK_CSV_COLUMNS order. */
export function clickCells(row: ClickExportRow, publicUrl: string) {
  return [
    new Date(row.clickedAt).toISOString(),
    row.slug,
    `${publicUrl}/${row.slug}`,
    row.title,
    row.campaign,
    row.network,
    row.destination,
    row.source,
    row.referrer,
    row.referrerHost,
    row.country,
    row.region,
    row.city,
    row.device,
    row.os,
    row.browser,
    row.bot,
    row.qr,
    row.visitor,
  ];
}

/** A piece of the file: its text and how many click rows it holds. */
export interface CsvChunk {
  text: string;
  rows: number;
}

export interface ClickExport {
  filename: string;
  filter: ExportFilter;
  /** BOM and header first, then one chunk per page. Stopping the iteration stops the queries. */
  chunks: AsyncGenerator<CsvChunk, void, undefined>;
}

/**
 * Streams the clicks of a filter as CSV. The input is parsed before anything is read, so a
 * bad filter is an error, never a half-written file.
 */
export function exportClicks(
  deps: ExportDeps,
  raw: ExportClicksInput | unknown,
  options: { bom?: boolean } = {},
): ClickExport {
  const input = parseInput(exportClicksInput, raw);
  const filter: ExportFilter = {
    slug: input.slug,
    campaign: input.campaign,
    network: input.network,
    from: input.from,
    to: input.to,
    bots: input.bots,
  };
  return {
    filename: exportFilename(input, deps.clock()),
    filter,
    chunks: clickChunks(deps, filter, options.bom ?? true),
  };
}

async function* clickChunks(
  deps: ExportDeps,
  filter: ExportFilter,
  bom: boolean,
): AsyncGenerator<CsvChunk, void, undefined> {
  yield { text: (bom ? CSV_BOM : '') + csvRecord(CLICK_CSV_COLUMNS), rows: 0 };
  let afterId = 0;
  for (;;) {
    const rows = await deps.clickExport.page(filter, afterId, EXPORT_PAGE_SIZE);
    if (rows.length === 0) return;
    let text = '';
    for (const row of rows) text += csvRecord(clickCells(row, deps.publicUrl));
    yield { text, rows: rows.length };
    if (rows.length < EXPORT_PAGE_SIZE) return;
    afterId = rows[rows.length - 1]!.id;
  }
}
