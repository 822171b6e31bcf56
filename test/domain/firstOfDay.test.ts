import { describe, expect, it } from 'vitest';
import { firstOfDay, type DailyVisit } from '../../src/domain/index.js';

const T = Date.parse('2026-03-10T10:00:00Z');
const DAY = 86_400_000;
const v = (linkId: number, at: number, visitor: string, bot = false): DailyVisit => ({
  linkId,
  clickedAt: at,
  bot,
  visitor,
});
const neverSeen = () => false;

describe('firstOfDay', () => {
  it('marks a visitor once per link per UTC day, in the order given', () => {
    const clicks = [v(1, T, 'a'), v(1, T + 1, 'a'), v(2, T + 2, 'a'), v(1, T + 3, 'b'), v(1, T + DAY, 'a')];
    expect(firstOfDay(clicks, neverSeen)).toEqual([true, false, true, true, true]);
  });
  it('starts a new day at UTC midnight, not 24 hours after the first click', () => {
    const late = Date.parse('2026-03-10T23:59:59Z');
    expect(firstOfDay([v(1, late, 'a'), v(1, late + 2000, 'a')], neverSeen)).toEqual([true, true]);
  });
  it('never marks a bot, nor lets a bot use up the visitor', () => {
    expect(firstOfDay([v(1, T, 'a', true), v(1, T + 1, 'a')], neverSeen)).toEqual([false, true]);
  });
  it('asks about each day, link and visitor once, and trusts what was seen before the list', () => {
    const asked: string[] = [];
    const seen = (day: string, linkId: number, visitor: string) => {
      asked.push(`${day} ${linkId} ${visitor}`);
      return visitor === 'old';
    };
    const clicks = [v(1, T, 'old'), v(1, T + 1, 'new'), v(1, T + 2, 'new'), v(1, T + 3, 'old', true)];
    expect(firstOfDay(clicks, seen)).toEqual([false, true, false, false]);
    expect(asked).toEqual(['2026-03-10 1 old', '2026-03-10 1 new']);
  });
});
