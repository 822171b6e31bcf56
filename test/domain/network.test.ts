import { describe, expect, it } from 'vitest';
import { mediumFor, NETWORKS, normalizeNetwork } from '../../src/domain/index.js';

describe('normalizeNetwork', () => {
  it.each(NETWORKS.map((n) => [n]))('accepts the canonical id %s', (n) => {
    expect(normalizeNetwork(n)).toBe(n);
  });
  it.each([
    ['twitter', 'x'],
    ['Twitter', 'x'],
    ['X', 'x'],
    ['LinkedIn', 'linkedin'],
    [' Facebook ', 'facebook'],
    ['fb', 'facebook'],
    ['IG', 'instagram'],
    ['Tik Tok', 'tiktok'],
    ['YouTube', 'youtube'],
    ['bsky', 'bluesky'],
    ['e-mail', 'email'],
    ['Substack', 'newsletter'],
  ])('maps the alias %s to %s', (input, expected) => {
    expect(normalizeNetwork(input)).toBe(expected);
  });
  it('rejects unknown networks', () => {
    expect(normalizeNetwork('myspace')).toBeNull();
    expect(normalizeNetwork('')).toBeNull();
  });
  it('tags email-like networks with the email medium', () => {
    expect(mediumFor('email')).toBe('email');
    expect(mediumFor('newsletter')).toBe('email');
    expect(mediumFor('linkedin')).toBe('social');
  });
});
