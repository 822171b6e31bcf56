/** Query parameters of the analytics API, parsed once into a range in a zone and a scope. */
import { z } from 'zod';
import {
  BOT_MODES,
  canonicalTimeZone,
  impossibleDateMessage,
  isRealDate,
  ceilTo,
  DAY_MS,
  DEVICES,
  floorTo,
  MAX_CAMPAIGN_LENGTH,
  QUARTER_MS,
  zoneView,
  type StatsScope,
  type ZoneView,
} from '../domain/index.js';
import { networkParam } from './clickFilter.js';

/** One value, or several: repeated parameters, or comma-separated where values cannot hold commas. */
const many = <T extends z.ZodType<unknown, string>>(
  item: T,
  { max, commas = true }: { max: number; commas?: boolean },
) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => {
      const values = (Array.isArray(v) ? v : [v]).flatMap((s) => (commas ? s.split(',') : [s])).map((s) => s.trim());
      return [...new Set(values.filter(Boolean))];
    })
    .pipe(z.array(item).min(1, 'give at least one value').max(max, `at most ${max} values`))
    .optional();

/** Filters that choose links and clicks; campaigns are repeated parameters (names may hold commas). */
export const scopeFields = {
  campaign: many(z.string().max(MAX_CAMPAIGN_LENGTH), { max: 10, commas: false }),
  network: many(networkParam, { max: 17 }),
  slug: many(z.string().max(64), { max: 40 }),
  source: many(
    z
      .string()
      .max(100)
      .transform((s) => s.toLowerCase()),
    { max: 10 },
  ),
  country: many(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'expected a two-letter country code')
      .transform((s) => s.toUpperCase()),
    { max: 10 },
  ),
  device: many(z.enum(DEVICES), { max: DEVICES.length }),
  /** QR scans only (true) or everything else (false); repeated, the values must agree. */
  qr: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => [...new Set(Array.isArray(v) ? v : [v])])
    .pipe(
      z.tuple([z.enum(['true', 'false'], { message: 'expected qr=true or qr=false' })], {
        message: 'give qr once: true or false',
      }),
    )
    .transform(([v]) => v === 'true')
    .optional(),
};

export const tzField = z
  .string()
  .max(64)
  .transform((tz, ctx) => {
    const canonical = canonicalTimeZone(tz);
    if (!canonical) {
      ctx.addIssue({ code: 'custom', message: `unknown time zone "${tz}"; use an IANA name such as Europe/Paris` });
      return z.NEVER;
    }
    return canonical;
  })
  .default('UTC');

export const botsField = z.enum(BOT_MODES).default('exclude');

/**
 * The parsed query with its scope replaced by one the server chose (a report's), so no query
 * parameter can widen it; without one, the query's own scope.
 */
export const forceScope = <Q extends { scope: StatsScope }>(q: Q, scope?: StatsScope): Q =>
  scope ? { ...q, scope } : q;

/** The scope's filters, with field names as the store knows them. */
export function toScope(input: { [K in keyof typeof scopeFields]?: z.output<(typeof scopeFields)[K]> }): StatsScope {
  const scope: StatsScope = {};
  if (input.campaign) scope.campaigns = input.campaign;
  if (input.network) scope.networks = input.network;
  if (input.slug) scope.slugs = input.slug;
  if (input.source) scope.sources = input.source;
  if (input.country) scope.countries = input.country;
  if (input.device) scope.devices = input.device;
  if (input.qr !== undefined) scope.qr = input.qr;
  return scope;
}

const DATE = /^(\d{4}-\d{2}-\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)$/;
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/**
 * A `from`/`to` value as an instant: a date is that local midnight in the zone, a date-time
 * without offset that wall time there (a time skipped by DST moves forward with the clocks,
 * as the CSV export reads it), one with Z or an offset as written. Null if invalid.
 */
export function parseInstant(value: string, tz: string): number | null {
  let ms: number;
  if (!isRealDate(value)) return null;
  if (ZONED_DATE_TIME.test(value)) ms = Date.parse(value);
  else {
    const m = DATE.exec(value) ?? LOCAL_DATE_TIME.exec(value);
    if (!m) return null;
    const wall = Date.parse(`${m[1]}T${m[2] ?? '00:00'}Z`);
    // Date.parse rolls 2026-02-30 over into March: refuse days that do not exist.
    if (!Number.isFinite(wall) || new Date(wall).toISOString().slice(0, 10) !== m[1]) return null;
    ms = zoneView(tz, wall - 2 * DAY_MS, wall + 2 * DAY_MS).instantOf(wall);
  }
  return Number.isFinite(ms) && ms >= EARLIEST && ms < LATEST ? ms : null;
}

/** Why a `from`/`to` value was refused: the shared message for impossible dates, else the format. */
export const instantMessage = (value: string) =>
  isRealDate(value)
    ? 'expected an ISO date (2026-03-01) or date-time between 2000 and 2100'
    : impossibleDateMessage(value);

export interface ParsedRange {
  from: number;
  to: number;
  view: ZoneView;
}

/**
 * The range asked for, widened to whole quarter hours (the counters' finest bucket); without
 * `to` it ends at the end of today in the zone, without `from` it starts `defaultDays` (≤ 38)
 * local days before `to`.
 */
export function parseRange(
  input: { from?: string; to?: string; tz: string },
  now: number,
  defaultDays: number,
  ctx: z.RefinementCtx,
): ParsedRange | null {
  const at = (field: 'from' | 'to') => {
    const value = input[field];
    if (value === undefined) return undefined;
    const ms = parseInstant(value, input.tz);
    if (ms === null) ctx.addIssue({ code: 'custom', path: [field], message: instantMessage(value) });
    return ms;
  };
  const given = { from: at('from'), to: at('to') };
  if (given.from === null || given.to === null) return null;
  // A view around one instant covers the 40 days before it: enough for the default ranges.
  const around = (ms: number) => zoneView(input.tz, ms, ms);
  const midnightAfter = (ms: number) => {
    const view = around(ms);
    const wall = view.wall(ms);
    return view.firstAtOrAfter(wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS) + DAY_MS);
  };
  const daysBefore = (ms: number, days: number) => {
    const view = around(ms);
    return view.firstAtOrAfter(view.wall(ms) - days * DAY_MS);
  };
  const to = ceilTo(given.to ?? midnightAfter(now), QUARTER_MS);
  const from = floorTo(given.from ?? daysBefore(to, defaultDays), QUARTER_MS);
  if (to <= from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'the range ends before it starts' });
    return null;
  }
  return { from, to, view: zoneView(input.tz, from, to) };
}
