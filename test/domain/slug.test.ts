import { describe, expect, it } from 'vitest';
import { slugProblem } from '../../src/domain/index.js';

describe('slugProblem', () => {
  it('accepts 1 to 64 URL-safe characters', () => {
    expect(slugProblem('a')).toBeNull();
    expect(slugProblem('Spring_Launch-2026')).toBeNull();
    expect(slugProblem('x'.repeat(64))).toBeNull();
  });
  it('refuses other characters and lengths', () => {
    expect(slugProblem('')).toBe('format');
    expect(slugProblem('x'.repeat(65))).toBe('format');
    expect(slugProblem('a/b')).toBe('format');
    expect(slugProblem('café')).toBe('format');
  });
  it.each(['api', 'API', 'healthz', 'assets', 'dashboard', 'static', 'favicon.ico', 'robots.txt'])('reserves %s', (s) =>
    expect(slugProblem(s)).toBe('reserved'),
  );
});
