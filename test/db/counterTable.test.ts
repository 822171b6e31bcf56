import { describe, expect, it } from 'vitest';
import { counterTableFor, grainsFor } from '../../src/db/counterTable.js';
import { DAY, HOUR, QUARTER } from '../../src/domain/index.js';

const counts = { of: 'counts', perLink: false } as const;
const values = { of: 'values', perLink: false } as const;
const perLinkCounts = { of: 'counts', perLink: true } as const;
const perLinkValues = { of: 'values', perLink: true } as const;

describe('counterTableFor', () => {
  it('answers one click filter on every link from the filter counters, values per link from the profiles', () => {
    for (const scope of [
      { sources: ['x', 'y'] },
      { countries: ['FR'] },
      { devices: ['mobile' as const] },
      { qr: true },
    ]) {
      expect(counterTableFor(scope, counts, DAY)).toBe('filters');
      expect(counterTableFor(scope, counts, QUARTER)).toBe('filters');
      expect(counterTableFor(scope, values, HOUR)).toBe('filters');
      expect(counterTableFor(scope, values, QUARTER)).toBe('profiles');
      expect(counterTableFor(scope, perLinkCounts, DAY)).toBe('filterLinks');
      expect(counterTableFor(scope, perLinkValues, DAY)).toBe('profiles');
    }
  });
  it('sends two click filters, or a click filter on some links, to the profiles', () => {
    for (const read of [counts, values, perLinkCounts, perLinkValues]) {
      expect(counterTableFor({ sources: ['x'], countries: ['FR'] }, read, DAY)).toBe('profiles');
      expect(counterTableFor({ campaigns: ['A'], countries: ['FR'] }, read, HOUR)).toBe('profiles');
      expect(counterTableFor({ slugs: ['a'], devices: ['mobile'] }, read, QUARTER)).toBe('profiles');
      expect(counterTableFor({ networks: ['x'], qr: false }, read, DAY)).toBe('profiles');
    }
  });
  it('answers quarter hours of values from the profiles, and of counts from the tables that keep them', () => {
    expect(counterTableFor({}, values, QUARTER)).toBe('profiles');
    expect(counterTableFor({}, counts, QUARTER)).toBe('totals');
    expect(counterTableFor({ slugs: ['a'] }, counts, QUARTER)).toBe('links');
  });
  it('answers every link from the totals unless links are kept apart', () => {
    expect(counterTableFor({}, counts, DAY)).toBe('totals');
    expect(counterTableFor({}, values, HOUR)).toBe('totals');
    expect(counterTableFor({}, perLinkCounts, DAY)).toBe('links');
    expect(counterTableFor({}, perLinkValues, DAY)).toBe('links');
  });
  it('answers values of whole campaigns from the campaign rows, and anything narrower from the links', () => {
    expect(counterTableFor({ campaigns: ['A', 'B'] }, values, DAY)).toBe('campaigns');
    expect(counterTableFor({ campaigns: ['A'] }, counts, DAY)).toBe('links');
    expect(counterTableFor({ campaigns: ['A'], networks: ['x'] }, values, DAY)).toBe('links');
    expect(counterTableFor({ campaigns: ['A'] }, perLinkValues, DAY)).toBe('links');
    expect(counterTableFor({ slugs: ['a'] }, values, DAY)).toBe('links');
  });
});

describe('grainsFor', () => {
  it('cuts ranges only into grains the answering table keeps', () => {
    expect(grainsFor({ sources: ['x'], devices: ['mobile'] }, counts)).toEqual([QUARTER, DAY]);
    expect(grainsFor({ campaigns: ['A'], qr: true }, values)).toEqual([QUARTER, DAY]);
    expect(grainsFor({ sources: ['x'] }, counts)).toEqual([QUARTER, HOUR, DAY]);
    expect(grainsFor({ countries: ['FR'] }, values)).toEqual([QUARTER, HOUR, DAY]);
    expect(grainsFor({ qr: true }, perLinkCounts)).toEqual([QUARTER, HOUR, DAY]);
    expect(grainsFor({ qr: true }, perLinkValues)).toEqual([QUARTER, DAY]);
    expect(grainsFor({}, counts)).toEqual([QUARTER, HOUR, DAY]);
    expect(grainsFor({}, values)).toEqual([QUARTER, HOUR, DAY]);
    expect(grainsFor({ slugs: ['a'] }, values)).toEqual([QUARTER, DAY]);
    expect(grainsFor({}, perLinkValues)).toEqual([QUARTER, DAY]);
    expect(grainsFor({ campaigns: ['A'] }, values)).toEqual([QUARTER, DAY]);
  });
});
