/** Shapes and rules of the analytics API: ranges, intervals, series and breakdowns. */
import type { Device } from './click.js';
import type { Network } from './network.js';
import { boundaryIndex, DAY_MS } from './timeBuckets.js';
import type { ZoneView } from './timeZone.js';

export const INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export const BOT_MODES = ['exclude', 'include', 'only'] as const;
export type BotMode = (typeof BOT_MODES)[number];

/** Breakdowns kept per click, then those derived from the link (its network, campaign, itself). */
export const CLICK_DIMENSIONS = ['source', 'referrer', 'country', 'city', 'device', 'os', 'browser', 'qr'] as const;
export type ClickDimension = (typeof CLICK_DIMENSIONS)[number];
export const BREAKDOWNS = [...CLICK_DIMENSIONS, 'network', 'campaign', 'link'] as const;
export type BreakdownName = (typeof BREAKDOWNS)[number];

/** Which clicks a stats question is about. Lists are OR within a field, AND across fields. */
export interface StatsScope {
  campaigns?: string[];
  networks?: Network[];
  slugs?: string[];
  /** Internal: exactly these links (compare asks link by link). */
  linkIds?: number[];
  sources?: string[];
  countries?: string[];
  devices?: Device[];
  /** true: QR scans only (the code's `?qr=1`); false: everything else. */
  qr?: boolean;
  /**
   * Internal: the campaigns the asking key is limited to. Stores fold it into `campaigns`
   * (narrowScope), so every query carries the forced `campaign IN (…)`.
   */
  within?: readonly string[];
}

/** A scope with its key's campaign limit folded into its campaigns, as the stores query it. */
export function narrowScope(scope: StatsScope): StatsScope {
  if (scope.within === undefined) return scope;
  const { within, ...rest } = scope;
  const campaigns = scope.campaigns ? scope.campaigns.filter((c) => within.includes(c)) : [...within];
  return { ...rest, campaigns };
}

/** Whether a scope filters on a property of the click itself, not only on which links. */
export const filtersClicks = (s: StatsScope): boolean =>
  Boolean(s.sources || s.countries || s.devices || s.qr !== undefined);

export interface Totals {
  clicks: number;
  uniques: number;
  bots: number;
}
export interface SeriesPoint {
  t: string;
  clicks: number;
  uniques: number;
}
export interface BreakdownRow {
  value: string | null;
  label?: string;
  clicks: number;
  uniques: number;
}
export interface Stats {
  range: { from: string; to: string; tz: string; interval: Interval };
  totals: Totals;
  series: SeriesPoint[];
  breakdowns: Record<BreakdownName, BreakdownRow[]>;
}

/** Longest range per interval, so a series stays chart-sized (about 1,000 points at most). */
export const MAX_RANGE_MS: Record<Interval, number> = {
  hour: 42 * DAY_MS,
  day: 3 * 366 * DAY_MS,
  week: 20 * 366 * DAY_MS,
  month: 20 * 366 * DAY_MS,
};

/** The interval used when none is asked for: about 24 to 180 points. */
export function chooseInterval(from: number, to: number): Interval {
  const span = to - from;
  if (span <= 3 * DAY_MS) return 'hour';
  if (span <= 120 * DAY_MS) return 'day';
  if (span <= 2 * 366 * DAY_MS) return 'week';
  return 'month';
}

/** Local calendar date of a wall-clock reading, as a UTC midnight timestamp. */
const dateOf = (wall: number) => wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
const addDays = (date: number, n: number) => date + n * DAY_MS;
const addMonths = (date: number, n: number) => {
  const d = new Date(date);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
};

/**
 * Start of every interval that meets [from, to), in the zone: local hours (each real hour once,
 * so a repeated DST hour is two points), local days, ISO weeks from Monday, calendar months.
 * A day starts at the first instant whose wall clock reads that date. The first start may be
 * before `from` when `from` falls inside an interval.
 */
export function intervalStarts(view: ZoneView, from: number, to: number, interval: Interval): number[] {
  if (interval === 'hour') {
    const hours = view.hourStarts(from - 3 * 3_600_000, to);
    const first = boundaryIndex(hours, from);
    return hours.slice(Math.max(0, first));
  }
  let date = dateOf(view.wall(from));
  if (interval === 'week') date = addDays(date, -((new Date(date).getUTCDay() + 6) % 7));
  if (interval === 'month') date = addMonths(date, 0);
  const next = (d: number) =>
    interval === 'day' ? addDays(d, 1) : interval === 'week' ? addDays(d, 7) : addMonths(d, 1);
  const starts: number[] = [];
  for (let start = view.firstAtOrAfter(date); start < to; date = next(date), start = view.firstAtOrAfter(date)) {
    if (starts.length === 0 || start > starts[starts.length - 1]!) starts.push(start);
  }
  return starts;
}

/** Sums counts into the interval each bucket starts in; every interval gets a point, zeros included. */
export function fillSeries(
  starts: readonly number[],
  rows: Iterable<{ at: number; clicks: number; uniques: number }>,
  label: (start: number) => string,
): SeriesPoint[] {
  const points = starts.map((s) => ({ t: label(s), clicks: 0, uniques: 0 }));
  for (const r of rows) {
    const i = boundaryIndex(starts, r.at);
    if (i < 0) continue;
    points[i]!.clicks += r.clicks;
    points[i]!.uniques += r.uniques;
  }
  return points;
}

/** Largest first (then most uniques, then by value), at most `limit` rows. */
export function topRows(rows: BreakdownRow[], limit: number): BreakdownRow[] {
  return rows
    .filter((r) => r.clicks > 0)
    .sort(
      (a, b) =>
        b.clicks - a.clicks || b.uniques - a.uniques || String(a.value ?? '').localeCompare(String(b.value ?? '')),
    )
    .slice(0, limit);
}

/** Adds counts per key, for merging counters read from several tables or grains. */
export function sumByKey<K>(
  entries: Iterable<readonly [K, { clicks: number; uniques: number }]>,
): Map<K, { clicks: number; uniques: number }> {
  const out = new Map<K, { clicks: number; uniques: number }>();
  for (const [key, c] of entries) {
    const acc = out.get(key);
    if (acc) {
      acc.clicks += c.clicks;
      acc.uniques += c.uniques;
    } else out.set(key, { clicks: c.clicks, uniques: c.uniques });
  }
  return out;
}
