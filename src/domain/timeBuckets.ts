/**
 * Counter buckets. Clicks are counted per 15 minutes, per UTC hour and per UTC day; a grain is
 * the bucket width in minutes, which is also what the counter tables store. Every time zone in
 * use today has an offset that is a whole number of quarter hours, so any local hour, day, week
 * or month is an exact union of quarter-hour buckets; hours and days only make long ranges cheap.
 */
export const QUARTER = 15;
export const HOUR = 60;
export const DAY = 1440;
export type Grain = typeof QUARTER | typeof HOUR | typeof DAY;
export const GRAINS: readonly Grain[] = [QUARTER, HOUR, DAY];

export const MINUTE_MS = 60_000;
export const QUARTER_MS = QUARTER * MINUTE_MS;
export const HOUR_MS = HOUR * MINUTE_MS;
export const DAY_MS = DAY * MINUTE_MS;

export const grainMs = (grain: Grain): number => grain * MINUTE_MS;

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** Start of the bucket of `grain` holding the instant `ms`. */
export const bucketStart = (ms: number, grain: Grain): number => ms - mod(ms, grainMs(grain));

/** Whether `ms` is a bucket edge of `grain`. */
export const isAligned = (ms: number, grain: Grain): boolean => mod(ms, grainMs(grain)) === 0;

export const floorTo = (ms: number, stepMs: number): number => ms - mod(ms, stepMs);
export const ceilTo = (ms: number, stepMs: number): number =>
  mod(ms, stepMs) === 0 ? ms : ms - mod(ms, stepMs) + stepMs;

/** A run of whole buckets of one grain: [from, to), both edges aligned to the grain. */
export interface Span {
  grain: Grain;
  from: number;
  to: number;
}

/**
 * Cuts [from, to) into runs of whole buckets, using the coarsest of `grains` in the middle and
 * finer ones at the edges: quarter hours, then hours, then days, then hours, then quarter hours.
 * `from` and `to` must be quarter-hour aligned and QUARTER must be among `grains`.
 */
export function decompose(from: number, to: number, grains: readonly Grain[]): Span[] {
  if (!isAligned(from, QUARTER) || !isAligned(to, QUARTER)) {
    throw new RangeError(`range edges must fall on quarter hours: ${from}, ${to}`);
  }
  const sorted = [...new Set(grains)].sort((a, b) => a - b);
  if (sorted[0] !== QUARTER) throw new RangeError('the quarter-hour grain is required');
  const spans: Span[] = [];
  const cut = (a: number, b: number, level: number): void => {
    if (a >= b) return;
    const grain = sorted[level]!;
    if (level === 0) {
      spans.push({ grain, from: a, to: b });
      return;
    }
    const lo = ceilTo(a, grainMs(grain));
    const hi = floorTo(b, grainMs(grain));
    if (lo >= hi) return cut(a, b, level - 1);
    cut(a, lo, level - 1);
    spans.push({ grain, from: lo, to: hi });
    cut(hi, b, level - 1);
  };
  cut(from, to, sorted.length - 1);
  return spans;
}

/** The coarsest grain that every one of these instants is aligned to (series boundaries). */
export function coarsestCommonGrain(instants: readonly number[]): Grain {
  for (const grain of [DAY, HOUR] as const) if (instants.every((t) => isAligned(t, grain))) return grain;
  return QUARTER;
}

/** Index of the last boundary <= t in an ascending list, or -1. */
export function boundaryIndex(boundaries: readonly number[], t: number): number {
  let lo = 0;
  let hi = boundaries.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (boundaries[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
