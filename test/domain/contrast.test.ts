import { describe, expect, it } from 'vitest';
import { contrastRatio, luminance } from '../../src/domain/index.js';

describe('contrastRatio (WCAG 2)', () => {
  it('runs from 1 for one colour to 21 for black on white, in either order', () => {
    expect(contrastRatio('000000', 'ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('ffffff', '000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('1d4ed8', '1d4ed8')).toBe(1);
  });

  it('matches the published figures of well-known pairs', () => {
    expect(contrastRatio('767676', 'ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('777777', 'ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('0000ff', 'ffffff')).toBeCloseTo(8.59, 2);
    expect(luminance('ffffff')).toBe(1);
    expect(luminance('000000')).toBe(0);
  });
});
