import { describe, expect, it } from 'vitest';
import { BIO_LIMITS, dayStart, entryLabel, requestedSource, type Link } from '../../src/domain/index.js';

const link = (over: Partial<Link>): Link => ({
  id: 1,
  slug: 's',
  url: 'https://www.example.com/a/b?x=1',
  destination: 'https://www.example.com/a/b?x=1',
  title: null,
  campaign: null,
  network: null,
  utm: {},
  postedAt: null,
  createdAt: 0,
  updatedAt: 0,
  disabled: false,
  expiresAt: null,
  maxClicks: null,
  humanClicks: 0,
  preview: null,
  ...over,
});

describe('bio page entries', () => {
  it('are labelled by their post title, else by where they go', () => {
    expect(entryLabel(link({ title: '  Spring sale ' }))).toBe('Spring sale');
    expect(entryLabel(link({}))).toBe('example.com/a/b');
    expect(entryLabel(link({ url: 'https://shop.example/' }))).toBe('shop.example');
  });

  it('cut a long title to the named limit with an ellipsis', () => {
    const label = entryLabel(link({ title: 'x'.repeat(300) }));
    expect(label).toHaveLength(BIO_LIMITS.entryLabel);
    expect(label.endsWith('…')).toBe(true);
  });
});

describe('the source a short link request names', () => {
  it('is bio for the bio marker, over any utm_source', () => {
    expect(requestedSource(new URLSearchParams('bio=1'))).toBe('bio');
    expect(requestedSource(new URLSearchParams('utm_source=news&bio=1'))).toBe('bio');
  });

  it('is utm_source otherwise, and nothing without either', () => {
    expect(requestedSource(new URLSearchParams('utm_source=news'))).toBe('news');
    expect(requestedSource(new URLSearchParams('bio=0'))).toBeNull();
    expect(requestedSource(new URLSearchParams('qr=1'))).toBeNull();
    expect(requestedSource(null)).toBeNull();
  });
});

describe('page view days', () => {
  it('start at UTC midnight', () => {
    expect(dayStart(Date.parse('2026-03-10T23:59:59.999Z'))).toBe(Date.parse('2026-03-10T00:00:00Z'));
    expect(dayStart(Date.parse('2026-03-10T00:00:00Z'))).toBe(Date.parse('2026-03-10T00:00:00Z'));
  });
});
