/** Small statistics the insights quote: medians and quartiles, the same way every time. */

/** The q-quantile (0–1) by linear interpolation between closest ranks; null for no values. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (values: readonly number[]): number | null => quantile(values, 0.5);

/** Rounded for display and evidence alike, so a text and its evidence never disagree. */
export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The middle half of the values: [25th, 75th] percentile. */
export function middleHalf(values: readonly number[]): [number, number] | null {
  const lo = quantile(values, 0.25);
  const hi = quantile(values, 0.75);
  return lo === null || hi === null ? null : [round1(lo), round1(hi)];
}
