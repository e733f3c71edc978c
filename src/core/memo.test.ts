import { describe, expect, it } from 'vitest';
import { cachedValue } from './memo.js';

describe('cachedValue', () => {
  it('computes once per key and returns the stored value after', () => {
    const cache = new WeakMap<object, { n: number }>();
    const a = {};
    const b = {};
    let calls = 0;
    const compute = () => ({ n: ++calls });
    const first = cachedValue(cache, a, compute);
    expect(cachedValue(cache, a, compute)).toBe(first);
    expect(cachedValue(cache, b, compute)).toEqual({ n: 2 });
    expect(calls).toBe(2);
  });

  it('nests: an inner cache per outer key', () => {
    const outer = new WeakMap<object, Map<string, string>>();
    const map1 = {};
    const map2 = {};
    const inner = (m: object) => cachedValue(outer, m, () => new Map());
    expect(cachedValue(inner(map1), 'k', () => 'one')).toBe('one');
    expect(cachedValue(inner(map1), 'k', () => 'other')).toBe('one');
    expect(cachedValue(inner(map2), 'k', () => 'two')).toBe('two');
  });
});
