import { describe, expect, it } from '@jest/globals';
import { initialState } from '#pathway';
import { CaseCache } from './case-cache.js';

describe('case cache', () => {
  it('keeps at most its capacity, forgetting the least recently used first', () => {
    const cache = new CaseCache(2);
    cache.set('a', { state: initialState, version: 0 });
    cache.set('b', { state: initialState, version: 0 });
    expect(cache.get('a')?.version).toBe(0);
    cache.set('c', { state: initialState, version: 0 });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('never replaces a newer version with an older one', () => {
    const cache = new CaseCache(2);
    cache.set('a', { state: initialState, version: 5 });
    cache.set('a', { state: initialState, version: 4 });
    expect(cache.get('a')?.version).toBe(5);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
  });
});
