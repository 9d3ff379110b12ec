/** Options of {@link createDecisionCache}. */
export interface DecisionCacheOptions {
  /** Most entries kept; the least recently used goes first. Default 1000. */
  maxEntries?: number;
  /** How long an entry stays valid, in milliseconds. Default 600 000 (10 minutes). */
  ttlMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * A bounded LRU cache with a TTL and single-flight: concurrent lookups of the same key share one
 * computation, so parallel identical tool calls cost one paid check.
 */
export interface DecisionCache<V> {
  /**
   * Returns the cached value for `key`, or runs `compute` once (joining an in-flight run) and
   * caches its value when `shouldCache(value)` says so. Rejections are never cached.
   */
  getOrCompute(
    key: string,
    compute: () => Promise<V>,
    shouldCache: (value: V) => boolean,
  ): Promise<{ value: V; hit: boolean }>;
  get(key: string): V | undefined;
  readonly size: number;
  clear(): void;
}

/** Creates a {@link DecisionCache}. */
export function createDecisionCache<V>({
  maxEntries = 1000,
  ttlMs = 600_000,
  now = Date.now,
}: DecisionCacheOptions = {}): DecisionCache<V> {
  // A Map iterates in insertion order; re-inserting on read makes it an LRU.
  const entries = new Map<string, { value: V; expires: number }>();
  const inFlight = new Map<string, Promise<V>>();

  const get = (key: string): V | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    if (entry.expires <= now()) return undefined;
    entries.set(key, entry);
    return entry.value;
  };

  const set = (key: string, value: V) => {
    entries.delete(key);
    entries.set(key, { value, expires: now() + ttlMs });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
    }
  };

  return {
    get,
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
    },
    async getOrCompute(key, compute, shouldCache) {
      const cached = get(key);
      if (cached !== undefined) return { value: cached, hit: true };
      const running = inFlight.get(key);
      if (running) return { value: await running, hit: true };
      const promise = compute();
      inFlight.set(key, promise);
      try {
        const value = await promise;
        if (shouldCache(value) && maxEntries > 0) set(key, value);
        return { value, hit: false };
      } finally {
        inFlight.delete(key);
      }
    },
  };
}
