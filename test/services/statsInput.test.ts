import { describe, expect, it } from 'vitest';
import { formatLocal } from '../../src/domain/index.js';
import { statsInput } from '../../src/services/getStats.js';
import { parseInstant } from '../../src/services/statsInput.js';

const NOW = Date.parse('2026-03-10T20:00:00Z'); // already 2026-03-11 01:30 in Kolkata

describe('stats parameters', () => {
  it('reads a date as local midnight, a bare date-time as wall time, an offset as written', () => {
    expect(parseInstant('2026-03-02', 'Asia/Kolkata')).toBe(Date.parse('2026-03-01T18:30:00Z'));
    expect(parseInstant('2026-03-02T09:15', 'Asia/Kathmandu')).toBe(Date.parse('2026-03-02T03:30:00Z'));
    expect(parseInstant('2026-03-02T09:15:00+01:00', 'Asia/Kolkata')).toBe(Date.parse('2026-03-02T08:15:00Z'));
    // 02:30 does not exist on 2026-03-08 in New York: it moves forward with the clocks.
    expect(parseInstant('2026-03-08T02:30', 'America/New_York')).toBe(Date.parse('2026-03-08T07:30:00Z'));
    // 01:30 happens twice on 2026-11-01 in New York: the first one.
    expect(parseInstant('2026-11-01T01:30', 'America/New_York')).toBe(Date.parse('2026-11-01T05:30:00Z'));
    // Midnight does not exist on 2026-09-06 in Santiago: the day starts at 01:00 (-03).
    expect(parseInstant('2026-09-06', 'America/Santiago')).toBe(Date.parse('2026-09-06T04:00:00Z'));
  });

  it('refuses days that do not exist, other formats and years outside 2000–2100', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '03/02/2026', '2026-03-02 09:00', '1999-12-31', '2100-01-01', '']) {
      expect(parseInstant(bad, 'UTC'), bad).toBeNull();
    }
  });

  it('defaults to the 30 local days up to the end of today in the zone', () => {
    const q = statsInput.parse({ tz: 'Asia/Kolkata', now: NOW });
    expect(formatLocal(q.view, q.from)).toBe('2026-02-10T00:00:00+05:30');
    expect(formatLocal(q.view, q.to)).toBe('2026-03-12T00:00:00+05:30');
    expect(q.interval).toBe('day');
  });

  it('widens a range to whole quarter hours and keeps lists as lists', () => {
    const q = statsInput.parse({
      from: '2026-03-02T09:07:00Z',
      to: '2026-03-02T10:01:00Z',
      slug: 'a,b',
      campaign: ['Spring, 2026', 'Autumn'],
      now: NOW,
    });
    expect([q.from, q.to].map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T10:15:00.000Z',
    ]);
    expect(q.scope).toEqual({ slugs: ['a', 'b'], campaigns: ['Spring, 2026', 'Autumn'] });
    expect(q.interval).toBe('hour');
  });
});
