/** A tiny least-recently-used map; Map keeps insertion order, so the first key is the oldest. */
export function createLru<K, V>(maxEntries: number) {
  const map = new Map<K, V>();
  return {
    get(key: K): V | undefined {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key: K, value: V) {
      map.delete(key);
      map.set(key, value);
      if (map.size > maxEntries) map.delete(map.keys().next().value as K);
    },
    get size() {
      return map.size;
    },
  };
}
