/** Local weekday × hour cells: the heatmap's grid, Monday 0, hour 0–23, 168 in a week. */
import { HOUR_MS, QUARTER_MS } from '../timeBuckets.js';
import type { ZoneView } from '../timeZone.js';

export const WEEK_HOURS = 168;
export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A stretch of time [from, to) with one UTC offset (wall clock minus UTC, in ms). */
export interface ZoneOffset {
  from: number;
  to: number;
  offset: number;
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The week hour of a wall-clock reading; 1970-01-01 was a Thursday, weekday 3 with Monday 0. */
export const weekHourOfWall = (wall: number): number => mod(Math.floor(wall / HOUR_MS) + 3 * 24, WEEK_HOURS);

/** The offset in force at `ms` among stretches that cover it (the last one past their end). */
export function offsetIn(offsets: readonly ZoneOffset[], ms: number): number {
  for (const o of offsets) if (ms < o.to) return o.offset;
  return offsets[offsets.length - 1]!.offset;
}

/**
 * The local week hour of each bucket of `ms` from `from` to `to`, index 0 the first: the week
 * hour its start falls in with the offsets given (the SQL of src/db/timingStore.ts reads them alike).
 */
export function weekHoursOfBuckets(from: number, to: number, ms: number, offsets: readonly ZoneOffset[]): Uint8Array {
  const out = new Uint8Array(Math.ceil((to - from) / ms));
  for (let i = 0; i < out.length; i++) out[i] = weekHourOfWall(from + i * ms + offsetIn(offsets, from + i * ms));
  return out;
}

/** The local week hour of an instant in the view's zone. */
export const weekHourOf = (view: ZoneView, ms: number): number => weekHourOfWall(view.wall(ms));

export const weekdayOf = (weekHour: number): number => Math.floor(weekHour / 24);
export const hourOf = (weekHour: number): number => weekHour % 24;

/**
 * Whether every quarter-hour bucket of the range lies inside one local hour: offsets are whole
 * quarter hours and change on quarter hours. True for every zone since 2000.
 */
export const quarterAligned = (offsets: readonly ZoneOffset[]): boolean =>
  offsets.every((o, i) => o.offset % QUARTER_MS === 0 && (i === 0 || o.from % QUARTER_MS === 0));

/** Whether hour buckets suffice: whole-hour offsets that change on whole hours. */
export const hourAligned = (offsets: readonly ZoneOffset[]): boolean =>
  offsets.every((o, i) => o.offset % HOUR_MS === 0 && (i === 0 || o.from % HOUR_MS === 0));
