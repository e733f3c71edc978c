// Memoisation for the pure core and renderer: a value computed once per key and shared after. Two-level caches
// (per body map, then per motion) nest: cachedValue(cachedValue(outer, map, () => new WeakMap()), motion, compute).

/** What a cache needs: a WeakMap or a Map. */
interface Cache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value `cache` holds for `key`, computed by `compute` and stored on the first ask. */
export function cachedValue<K, V>(cache: Cache<K, V>, key: K, compute: (key: K) => NoInfer<V>): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    cache.set(key, value);
  }
  return value;
}
