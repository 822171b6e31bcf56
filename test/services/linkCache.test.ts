import { describe, expect, it } from 'vitest';
import type { Link } from '../../src/domain/index.js';
import { createLinkCache, MISS_TTL_MS } from '../../src/services/linkCache.js';

const link = (slug: string) => ({ slug }) as Link;

describe('the hot-link cache', () => {
  it('keeps a link for its time to live, a miss for far less', () => {
    let now = 0;
    const cache = createLinkCache(10, 60_000, () => now);
    cache.set('a', link('a'));
    cache.set('gone', null);
    now = MISS_TTL_MS - 1;
    expect(cache.get('gone')).toBeNull();
    now = MISS_TTL_MS;
    expect(cache.get('gone')).toBeUndefined(); // ask the database again
    expect(cache.get('a')).toEqual(link('a'));
    now = 60_000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('holds at most its size, dropping the least recently used', () => {
    const cache = createLinkCache(2, 60_000, () => 0);
    cache.set('a', link('a'));
    cache.set('b', link('b'));
    cache.get('a'); // a is now the most recent
    cache.set('c', link('c'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual(link('a'));
    expect(cache.get('c')).toEqual(link('c'));
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
  });
});
