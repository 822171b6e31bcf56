import { describe, expect, it } from 'vitest';
import { crop, isPrivateAddress, utcDay } from '../../src/domain/index.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.0.1',
    '100.64.0.1',
    '::1',
    '::ffff:10.0.0.1',
    'fd12:3456::1',
    'fe80::1',
  ])('%s has no place on a map', (a) => expect(isPrivateAddress(a)).toBe(true));
  it.each(['81.2.69.160', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:db8::1', '2a00:1450::1'])(
    '%s is public',
    (a) => {
      expect(isPrivateAddress(a)).toBe(false);
    },
  );
});

describe('click helpers', () => {
  it('crop trims, cuts to the limit and turns empty into null', () => {
    expect(crop('  abcdef ', 3)).toBe('abc');
    expect(crop('   ', 3)).toBeNull();
    expect(crop(undefined, 3)).toBeNull();
  });
  it('utcDay is the UTC calendar day', () => {
    expect(utcDay(Date.parse('2026-03-10T23:59:59.999Z'))).toBe('2026-03-10');
    expect(utcDay(Date.parse('2026-03-11T00:00:00Z'))).toBe('2026-03-11');
  });
});
