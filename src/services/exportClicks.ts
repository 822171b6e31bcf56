import { z } from 'zod';
import {
  CSV_BOM, csvRecord, type ClickExportReader, type ClickExportRow, type ClickFilter, type Clock,
} from '../domain/index.js';
import { clickFilterFields } from './clickFilter.js';
import { parseInput } from './parse.js';

/** The export's columns, in order; the header row is exactly these names. */
export const CLICK_CSV_COLUMNS = [
  'clicked_at', 'slug', 'short_url', 'title', 'campaign', 'network', 'destination', 'source', 'referrer',
  'referrer_host', 'country', 'region', 'city', 'device', 'os', 'browser', 'bot', 'qr', 'visitor',
] as const;

/** Rows per query: big enough that a million clicks is a thousand queries, small enough for D1. */
export const EXPORT_PAGE_SIZE = 1000;

export interface ExportDeps {
  clickExport: ClickExportReader;
  clock: Clock;
  /** Base of short URLs, without a trailing slash. */
  publicUrl: string;
}

const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)$/;
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

const DAY_MS = 86_400_000;

const zoneFormats = new Map<string, Intl.DateTimeFormat>();
/** A formatter for an IANA zone, or null when the runtime does not know the zone. */
function zoneFormat(tz: string): Intl.DateTimeFormat | null {
  let format = zoneFormats.get(tz);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', second: '2-digit',
      });
    } catch {
      return null;
    }
    if (zoneFormats.size > 100) zoneFormats.clear();
    zoneFormats.set(tz, format);
  }
  return format;
}

/** The zone's wall clock at an instant, read back as if it were UTC (to the second). */
function wallClockAsUtc(format: Intl.DateTimeFormat, ms: number): number {
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/**
 * The instant a wall-clock time (written as UTC ms) happens in a zone. Zone rules change at
 * most a few times a year, so the offsets a day before and a day after are the only two
 * candidates: a repeated hour (autumn) takes its first occurrence, a skipped one (spring,
 * or a midnight that does not exist) moves forward as the clocks did.
 */
function zonedWallTime(format: Intl.DateTimeFormat, wall: number): number {
  const offsetAt = (ms: number) => wallClockAsUtc(format, ms) - Math.floor(ms / 1000) * 1000;
  const before = wall - offsetAt(wall - DAY_MS);
  const after = wall - offsetAt(wall + DAY_MS);
  const valid = [before, after].filter((t) => wallClockAsUtc(format, t) === Math.floor(wall / 1000) * 1000);
  return valid.length ? Math.min(...valid) : before;
}

/**
 * `from`/`to` as an instant: a date is midnight in `tz`, a date-time without offset is that
 * wall time in `tz`, one with `Z` or an offset is taken as written. Null when it is no date.
 */
export function instantIn(value: string, tz: string): number | null {
  const format = zoneFormat(tz);
  if (!format) return null;
  if (ZONED_DATE_TIME.test(value)) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) && new Date(ms).getUTCFullYear() > 0 ? ms : null;
  }
  const m = DATE_ONLY.exec(value) ?? LOCAL_DATE_TIME.exec(value);
  if (!m) return null;
  const wall = Date.parse(`${m[1]}T${m[2] ?? '00:00'}Z`);
  // Date.parse rolls 2026-02-30 over to March: refuse days that do not exist.
  if (!Number.isFinite(wall) || new Date(wall).toISOString().slice(0, 10) !== m[1]) return null;
  return zonedWallTime(format, wall);
}

/** The calendar day of an instant in a zone, as YYYY-MM-DD. */
export function dayIn(ms: number, tz: string): string {
  const format = zoneFormat(tz) ?? zoneFormat('UTC')!;
  return new Date(wallClockAsUtc(format, ms)).toISOString().slice(0, 10);
}

const when = z.string().max(40);
export const exportClicksInput = z
  .object({
    slug: clickFilterFields.slug,
    campaign: clickFilterFields.campaign,
    network: clickFilterFields.network,
    from: when.optional(),
    to: when.optional(),
    tz: z.string().max(64).refine((tz) => zoneFormat(tz) !== null, 'unknown time zone; use an IANA name such as Europe/Paris').default('UTC'),
    bots: z.enum(['include', 'exclude', 'only']).default('include'),
  })
  .transform((input, ctx) => {
    const at = (field: 'from' | 'to') => {
      const value = input[field];
      if (value === undefined) return undefined;
      const ms = instantIn(value, input.tz);
      if (ms === null) ctx.addIssue({ code: 'custom', path: [field], message: 'expected an ISO date (2026-03-01) or date-time' });
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
function filenamePart(value: string): string {
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
    new Date(row.clickedAt).toISOString(), row.slug, `${publicUrl}/${row.slug}`, row.title, row.campaign,
    row.network, row.destination, row.source, row.referrer, row.referrerHost, row.country, row.region, row.city,
    row.device, row.os, row.browser, row.bot, row.qr, row.visitor,
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
export function exportClicks(deps: ExportDeps, raw: ExportClicksInput | unknown, options: { bom?: boolean } = {}): ClickExport {
  const input = parseInput(exportClicksInput, raw);
  const filter: ExportFilter = {
    slug: input.slug, campaign: input.campaign, network: input.network, from: input.from, to: input.to, bots: input.bots,
  };
  return {
    filename: exportFilename(input, deps.clock()),
    filter,
    chunks: clickChunks(deps, filter, options.bom ?? true),
  };
}

async function* clickChunks(deps: ExportDeps, filter: ExportFilter, bom: boolean): AsyncGenerator<CsvChunk, void, undefined> {
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
