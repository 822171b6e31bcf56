import { describe, expect, it } from 'vitest';
import { lifetimeMedians, median, middleHalf, postLifetime, quantile } from '../../../src/domain/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Clicks per quarter hour since posting, from [quarter, clicks] pairs. */
const q = (...pairs: Array<[number, number]>) => new Map(pairs);

describe('postLifetime', () => {
  it('counts a week-old post by hand: windows, peak hour and the quarter hour half its week had come', () => {
    // 4 clicks in the first quarter hour, 2 at 0:45, 3 at 5:00, 1 at 30:00, 7 at 80:00, 2 at day 6.
    const clicks = q([0, 4], [3, 2], [20, 3], [120, 1], [320, 7], [6 * 96, 2]);
    expect(postLifetime(clicks, 8 * DAY)).toEqual({
      h1: 6,
      h24: 9,
      h72: 10,
      d7: 19,
      peakHour: 80, // 7 clicks in hour 80 against 6 in hour 0
      halfLifeHours: 30.25, // 10 of 19 by the end of quarter 120 (30:00–30:15), 9 before it
    });
    // Without the late ones: 6 of 12 by the end of 0:45–1:00; with one more at 0:45, still there.
    expect(postLifetime(q([0, 4], [3, 2], [20, 3], [120, 1], [6 * 96, 2]), 8 * DAY).halfLifeHours).toBe(1);
    expect(postLifetime(q([0, 4], [3, 1], [20, 3], [120, 1], [6 * 96, 2]), 8 * DAY).halfLifeHours).toBe(5.25);
  });

  it('gives ties for the peak to the earliest hour', () => {
    expect(postLifetime(q([1, 3], [8, 3]), 8 * DAY).peakHour).toBe(0);
  });

  it('leaves open windows null and gives no half-life before the week has ended', () => {
    const clicks = q([0, 1], [5, 2], [100, 4]);
    expect(postLifetime(clicks, 30 * HOUR)).toEqual({
      h1: 1,
      h24: 3,
      h72: null,
      d7: null,
      peakHour: 25,
      halfLifeHours: null,
    });
    expect(postLifetime(q([0, 2], [1, 1]), 30 * 60_000)).toEqual({
      h1: null,
      h24: null,
      h72: null,
      d7: null,
      peakHour: 0,
      halfLifeHours: null,
    });
  });

  it('ignores clicks before posting and after the first week, and has no peak or half-life without clicks', () => {
    expect(postLifetime(q([-3, 50], [672, 9]), 9 * DAY)).toEqual({
      h1: 0,
      h24: 0,
      h72: 0,
      d7: 0,
      peakHour: null,
      halfLifeHours: null,
    });
  });
});

describe('medians and spreads', () => {
  it('interpolates between the middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(middleHalf([10, 20, 30, 40])).toEqual([17.5, 32.5]);
  });

  it('takes each median over the posts whose window has closed', () => {
    const posts = [
      { h1: 1, h24: 5, h72: 9, d7: 10, peakHour: 0, halfLifeHours: 2 },
      { h1: 3, h24: 7, h72: null, d7: null, peakHour: 1, halfLifeHours: null },
      { h1: 2, h24: null, h72: null, d7: null, peakHour: 0, halfLifeHours: null },
    ];
    expect(lifetimeMedians(posts)).toEqual({ h1: 2, h24: 6, h72: 9, d7: 10, halfLifeHours: 2 });
  });
});
