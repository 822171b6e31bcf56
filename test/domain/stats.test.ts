import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  chooseInterval,
  coarsestCommonGrain,
  decompose,
  fillSeries,
  formatLocal,
  intervalStarts,
  offsetAt,
  topRows,
  zoneView,
  DAY,
  HOUR,
  QUARTER,
  type Grain,
} from '../../src/domain/index.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const spans = (from: string, to: string, grains: readonly Grain[] = [QUARTER, HOUR, DAY]) =>
  decompose(at(from), at(to), grains).map((s) => [s.grain, iso(s.from), iso(s.to)]);

describe('decompose', () => {
  it('uses whole days in the middle, hours then quarter hours at the edges', () => {
    expect(spans('2026-03-01T18:30:00Z', '2026-03-04T05:45:00Z')).toEqual([
      [QUARTER, '2026-03-01T18:30:00Z', '2026-03-01T19:00:00Z'],
      [HOUR, '2026-03-01T19:00:00Z', '2026-03-02T00:00:00Z'],
      [DAY, '2026-03-02T00:00:00Z', '2026-03-04T00:00:00Z'],
      [HOUR, '2026-03-04T00:00:00Z', '2026-03-04T05:00:00Z'],
      [QUARTER, '2026-03-04T05:00:00Z', '2026-03-04T05:45:00Z'],
    ]);
  });

  it('falls back to finer grains when the range holds no whole coarse bucket', () => {
    expect(spans('2026-03-01T10:15:00Z', '2026-03-01T10:45:00Z')).toEqual([
      [QUARTER, '2026-03-01T10:15:00Z', '2026-03-01T10:45:00Z'],
    ]);
    expect(spans('2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z')).toEqual([
      [DAY, '2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z'],
    ]);
    expect(spans('2026-03-01T18:30:00Z', '2026-03-03T00:00:00Z', [QUARTER, DAY])).toEqual([
      [QUARTER, '2026-03-01T18:30:00Z', '2026-03-02T00:00:00Z'],
      [DAY, '2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'],
    ]);
    expect(spans('2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')).toEqual([]);
  });

  it('refuses edges that are not on quarter hours', () => {
    expect(() => decompose(at('2026-03-01T10:07:00Z'), at('2026-03-01T11:00:00Z'), [QUARTER])).toThrow(RangeError);
  });

  it('picks the coarsest grain all boundaries sit on', () => {
    expect(coarsestCommonGrain([at('2026-03-02T00:00:00Z'), at('2026-03-03T00:00:00Z')])).toBe(DAY);
    expect(coarsestCommonGrain([at('2026-03-02T05:00:00Z')])).toBe(HOUR);
    expect(coarsestCommonGrain([at('2026-03-01T18:30:00Z'), at('2026-03-02T18:30:00Z')])).toBe(QUARTER);
  });
});

describe('time zones', () => {
  it('knows IANA names, keeps the spelling asked for, refuses the rest', () => {
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('Europe/Paris; DROP')).toBeNull();
  });

  it('reads offsets, including half and quarter hours', () => {
    expect(offsetAt('Asia/Kolkata', at('2026-03-01T00:00:00Z'))).toBe(5.5 * 3_600_000);
    expect(offsetAt('Asia/Kathmandu', at('2026-03-01T00:00:00Z'))).toBe(5.75 * 3_600_000);
    expect(offsetAt('America/New_York', at('2026-07-01T00:00:00Z'))).toBe(-4 * 3_600_000);
  });

  it('finds DST changes to the minute and formats local times with their offset', () => {
    const view = zoneView('Europe/Paris', at('2026-03-20T00:00:00Z'), at('2026-04-05T00:00:00Z'));
    expect(view.offsetAt(at('2026-03-29T00:59:00Z'))).toBe(3_600_000);
    expect(view.offsetAt(at('2026-03-29T01:00:00Z'))).toBe(7_200_000);
    expect(formatLocal(view, at('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00');
  });

  it('starts a day whose midnight does not exist at the transition (America/Santiago)', () => {
    // Chile springs forward at 24:00 on Saturday 2026-09-05: Sunday starts at 01:00 local.
    const view = zoneView('America/Santiago', at('2026-09-01T00:00:00Z'), at('2026-09-10T00:00:00Z'));
    const starts = intervalStarts(view, at('2026-09-05T04:00:00Z'), at('2026-09-07T03:00:00Z'), 'day');
    expect(starts.map((s) => formatLocal(view, s))).toEqual(['2026-09-05T00:00:00-04:00', '2026-09-06T01:00:00-03:00']);
  });
});

describe('intervals', () => {
  it('starts local hours on the half hour in Kolkata and the quarter in Kathmandu', () => {
    const k = zoneView('Asia/Kolkata', at('2026-03-01T00:00:00Z'), at('2026-03-02T00:00:00Z'));
    expect(intervalStarts(k, at('2026-03-01T00:00:00Z'), at('2026-03-01T02:00:00Z'), 'hour').map(iso)).toEqual([
      '2026-02-28T23:30:00Z',
      '2026-03-01T00:30:00Z',
      '2026-03-01T01:30:00Z',
    ]);
    const n = zoneView('Asia/Kathmandu', at('2026-03-01T00:00:00Z'), at('2026-03-02T00:00:00Z'));
    expect(intervalStarts(n, at('2026-03-01T00:15:00Z'), at('2026-03-01T01:00:00Z'), 'hour').map(iso)).toEqual([
      '2026-03-01T00:15:00Z',
    ]);
  });

  it('follows a 30-minute DST shift (Australia/Lord_Howe)', () => {
    // 2026-04-05 02:00 local (+11) becomes 01:30 (+10:30): the 01:00 hour lasts 90 minutes.
    const v = zoneView('Australia/Lord_Howe', at('2026-04-01T00:00:00Z'), at('2026-04-10T00:00:00Z'));
    const starts = intervalStarts(v, at('2026-04-04T13:00:00Z'), at('2026-04-04T17:00:00Z'), 'hour');
    expect(starts.map((s) => formatLocal(v, s))).toEqual([
      '2026-04-05T00:00:00+11:00',
      '2026-04-05T01:00:00+11:00',
      '2026-04-05T02:00:00+10:30',
      '2026-04-05T03:00:00+10:30',
    ]);
  });

  it('counts each real hour once across the autumn change, so the repeated hour is two points', () => {
    const v = zoneView('Europe/London', at('2026-10-20T00:00:00Z'), at('2026-10-30T00:00:00Z'));
    const starts = intervalStarts(v, at('2026-10-25T00:00:00Z'), at('2026-10-25T03:00:00Z'), 'hour');
    expect(starts.map((s) => formatLocal(v, s))).toEqual([
      '2026-10-25T01:00:00+01:00',
      '2026-10-25T01:00:00+00:00',
      '2026-10-25T02:00:00+00:00',
    ]);
  });

  it('chooses an interval from the length of the range', () => {
    const d = 86_400_000;
    expect([1, 3, 4, 120, 121, 700, 800].map((n) => chooseInterval(0, n * d))).toEqual([
      'hour',
      'hour',
      'day',
      'day',
      'week',
      'week',
      'month',
    ]);
  });

  it('fills every interval, zeros included, and ignores counts before the first', () => {
    const starts = [0, 10, 20];
    const rows = [
      { at: 12, clicks: 2, uniques: 1 },
      { at: 25, clicks: 1, uniques: 1 },
      { at: -5, clicks: 9, uniques: 9 },
    ];
    expect(fillSeries(starts, rows, String)).toEqual([
      { t: '0', clicks: 0, uniques: 0 },
      { t: '10', clicks: 2, uniques: 1 },
      { t: '20', clicks: 1, uniques: 1 },
    ]);
  });

  it('sorts breakdown rows largest first and drops empty ones', () => {
    const rows = [
      { value: 'b', clicks: 2, uniques: 1 },
      { value: null, clicks: 2, uniques: 2 },
      { value: 'a', clicks: 2, uniques: 1 },
      { value: 'z', clicks: 0, uniques: 0 },
    ];
    expect(topRows(rows, 2)).toEqual([
      { value: null, clicks: 2, uniques: 2 },
      { value: 'a', clicks: 2, uniques: 1 },
    ]);
  });
});
