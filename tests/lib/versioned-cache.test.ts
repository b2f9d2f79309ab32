import { describe, expect, it } from 'vitest';
import { VersionedCache } from '../../src/lib/versioned-cache.js';

describe('VersionedCache', () => {
  it('answers only for the version an entry was made at', () => {
    const cache = new VersionedCache<string>(4);
    cache.set('/articles', 'v1', 'page at v1');
    expect(cache.get('/articles', 'v1')).toBe('page at v1');
    expect(cache.get('/articles', 'v2')).toBeUndefined();
    // A stale entry is dropped, not kept for the old version.
    expect(cache.get('/articles', 'v1')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its size', () => {
    const cache = new VersionedCache<number>(2);
    cache.set('a', 'v', 1);
    cache.set('b', 'v', 2);
    expect(cache.get('a', 'v')).toBe(1);
    cache.set('c', 'v', 3);
    expect(cache.get('b', 'v')).toBeUndefined();
    expect(cache.get('a', 'v')).toBe(1);
    expect(cache.get('c', 'v')).toBe(3);
  });
});
