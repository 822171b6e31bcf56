import { describe, expect, it } from 'vitest';
import { campaignTag, utmFor, withUtm } from '../../src/domain/index.js';

describe('utmFor', () => {
  it('derives source, medium and campaign from the post', () => {
    expect(utmFor('linkedin', 'Spring Launch 2026')).toEqual({
      source: 'linkedin',
      medium: 'social',
      campaign: 'spring-launch-2026',
    });
  });
  it('uses the email medium for newsletters', () => {
    expect(utmFor('newsletter', null)).toEqual({ source: 'newsletter', medium: 'email' });
  });
  it('lets explicit fields win', () => {
    expect(utmFor('x', 'Launch', { source: 'twitter-ads', content: 'variant-b' })).toEqual({
      source: 'twitter-ads',
      medium: 'social',
      campaign: 'launch',
      content: 'variant-b',
    });
  });
  it('adds nothing without network, campaign or utm', () => {
    expect(utmFor(null, null)).toEqual({});
    expect(utmFor(null, '  ')).toEqual({});
  });
  it('lowercases campaigns and joins words with dashes', () => {
    expect(campaignTag('  Black  Friday Sale ')).toBe('black-friday-sale');
  });
});

describe('withUtm', () => {
  it('appends parameters and keeps the ones already on the URL', () => {
    const out = new URL(
      withUtm(new URL('https://ex.com/p?ref=a&utm_source=mine#top'), { source: 'x', medium: 'social' }),
    );
    expect(out.searchParams.get('ref')).toBe('a');
    expect(out.searchParams.get('utm_source')).toBe('mine');
    expect(out.searchParams.get('utm_medium')).toBe('social');
    expect(out.hash).toBe('#top');
  });
  it('leaves the URL untouched when there is no UTM', () => {
    expect(withUtm(new URL('https://ex.com/a?b=1'), {})).toBe('https://ex.com/a?b=1');
  });
});
