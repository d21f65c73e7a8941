/**
 * Sets `key` as the most recent entry of `map`, first forgetting the least recent one when the map
 * already holds `max`: a Map keeps insertion order, so re-inserting moves a key to the end and the
 * first key is the least recent.
 */
export function setMostRecent<Key, Value>(map: Map<Key, Value>, key: Key, value: Value, max: number): void {
  map.delete(key);
  if (map.size >= max) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, value);
}
