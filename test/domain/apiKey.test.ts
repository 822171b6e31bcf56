import { describe, expect, it } from 'vitest';
import { constantTimeEqual, keyPrefix } from '../../src/domain/index.js';

describe('api key helpers', () => {
  it('reads the lookup prefix of a well-formed key only', () => {
    expect(keyPrefix('lp_AbCd1234_' + 'x'.repeat(32))).toBe('AbCd1234');
    expect(keyPrefix('lp_short_xxx')).toBeNull();
    expect(keyPrefix('Bearer something')).toBeNull();
  });
  it('compares strings of any length without throwing', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
