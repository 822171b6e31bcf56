import { describe, expect, it } from 'vitest';
import type { Link } from '../../src/domain/index.js';
import { createClickAllowance } from '../../src/services/clickAllowance.js';

const link = (over: Partial<Link> = {}): Link => ({
  id: 1,
  slug: 's',
  url: 'https://e.example/',
  destination: 'https://e.example/',
  title: null,
  campaign: null,
  network: null,
  utm: {},
  postedAt: null,
  createdAt: 0,
  updatedAt: 0,
  disabled: false,
  expiresAt: null,
  maxClicks: 3,
  humanClicks: 0,
  preview: null,
  ...over,
});
const person = () => true;
const bot = () => false;

describe('the maxClicks budget of one process', () => {
  it('lets exactly the budget of people through before any click is stored, bots free', () => {
    const a = createClickAllowance();
    const l = link();
    expect([
      a.take(l, bot),
      a.take(l, person),
      a.take(l, person),
      a.take(l, bot),
      a.take(l, person),
      a.take(l, person),
    ]).toEqual([true, true, true, true, true, false]);
    expect(a.take(l, bot)).toBe(false); // spent is spent, for everyone
  });

  it('does not count its own grants twice once they are stored', () => {
    const a = createClickAllowance();
    expect(a.take(link(), person)).toBe(true);
    // The writer committed that click: the stored count now includes it.
    expect(a.take(link({ humanClicks: 1 }), person)).toBe(true);
    expect(a.take(link({ humanClicks: 2 }), person)).toBe(true);
    expect(a.take(link({ humanClicks: 3 }), person)).toBe(false);
  });

  it('follows a stored count raised by other processes', () => {
    const a = createClickAllowance();
    expect(a.take(link(), person)).toBe(true);
    expect(a.take(link({ humanClicks: 3 }), person)).toBe(false);
  });

  it('honours a raised limit, and never asks about people on unlimited links', () => {
    const a = createClickAllowance();
    const l = link({ maxClicks: 1 });
    expect(a.take(l, person)).toBe(true);
    expect(a.take(l, person)).toBe(false);
    expect(a.take({ ...l, maxClicks: 2 }, person)).toBe(true);
    let asked = 0;
    expect(a.take(link({ id: 2, maxClicks: null }), () => (asked++, true))).toBe(true);
    expect(asked).toBe(0);
  });
});
