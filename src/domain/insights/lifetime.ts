/** How a post lives: its clicks in fixed windows after posting, its peak and its half-life. */
import { HOUR_MS, QUARTER_MS } from '../timeBuckets.js';
import { median, round1 } from './summary.js';

/** Quarter hours in each window, counted from the quarter hour the post was posted in. */
export const LIFETIME_WINDOWS = { h1: 4, h24: 96, h72: 288, d7: 672 } as const;
export type LifetimeWindow = keyof typeof LIFETIME_WINDOWS;
export const WEEK_QUARTERS = LIFETIME_WINDOWS.d7;

export interface PostLifetime {
  /** Clicks in the first hour, day, three days and week; null while that window is still open. */
  h1: number | null;
  h24: number | null;
  h72: number | null;
  d7: number | null;
  /** The hour since posting (0 = the first) with the most clicks of the first week so far; ties go to the earliest. */
  peakHour: number | null;
  /** Hours (in quarter hours) until half the first week's clicks had come; null before the week ends or without clicks. */
  halfLifeHours: number | null;
}

/**
 * A post's lifetime from its clicks per quarter hour since posting (index 0 is the quarter
 * hour it was posted in) and its age in ms measured from that quarter hour.
 */
export function postLifetime(quarters: ReadonlyMap<number, number>, ageMs: number): PostLifetime {
  const ageQuarters = Math.floor(ageMs / QUARTER_MS);
  const closed = (n: number) => ageQuarters >= n;
  // Running totals of the first week: upTo[n] is the clicks of quarters [0, n).
  const week = new Array<number>(WEEK_QUARTERS).fill(0);
  for (const [k, c] of quarters) if (k >= 0 && k < WEEK_QUARTERS) week[k]! += c;
  const upTo = [0];
  for (let k = 0; k < WEEK_QUARTERS; k++) upTo.push(upTo[k]! + week[k]!);
  const d7 = upTo[WEEK_QUARTERS]!;
  let peakHour: number | null = null;
  let peak = 0;
  for (let hour = 0; hour < WEEK_QUARTERS / 4; hour++) {
    const c = upTo[hour * 4 + 4]! - upTo[hour * 4]!;
    if (c > peak) [peakHour, peak] = [hour, c];
  }
  let halfLifeHours: number | null = null;
  if (closed(WEEK_QUARTERS) && d7 > 0) {
    const k = upTo.findIndex((n) => n * 2 >= d7); // quarters [0, k) hold half: it came in quarter k - 1
    halfLifeHours = (k * QUARTER_MS) / HOUR_MS;
  }
  const figure = (w: LifetimeWindow) => (closed(LIFETIME_WINDOWS[w]) ? upTo[LIFETIME_WINDOWS[w]]! : null);
  return { h1: figure('h1'), h24: figure('h24'), h72: figure('h72'), d7: figure('d7'), peakHour, halfLifeHours };
}

export interface LifetimeMedians {
  h1: number | null;
  h24: number | null;
  h72: number | null;
  d7: number | null;
  halfLifeHours: number | null;
}

/** Medians of each figure over the posts where it is known (its window has closed). */
export function lifetimeMedians(posts: readonly PostLifetime[]): LifetimeMedians {
  const of = (key: keyof LifetimeMedians) => {
    const m = median(posts.map((p) => p[key]).filter((v): v is number => v !== null));
    return m === null ? null : round1(m);
  };
  return { h1: of('h1'), h24: of('h24'), h72: of('h72'), d7: of('d7'), halfLifeHours: of('halfLifeHours') };
}
