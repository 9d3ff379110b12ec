/**
 * Remembers which tokens have been used, so that each is accepted once. Implement it over a
 * shared store (Redis `SET key 1 NX EXAT`, a database unique index) when several processes
 * verify tokens; the in-memory store only protects one process.
 */
export interface ReplayStore {
  /**
   * Atomically marks `id` as used until `expiresAt` (Unix seconds) and resolves true, or resolves
   * false if `id` was already used and has not expired from the store. Two concurrent calls with
   * the same id must not both resolve true.
   */
  consume(id: string, expiresAt: number): Promise<boolean>;
}

export interface MemoryReplayStoreOptions {
  /** Clock. Default: `() => new Date()`. */
  now?: () => Date;
}

/** A single-process replay store. Entries are dropped once their token has expired. */
export function createMemoryReplayStore({
  now = () => new Date(),
}: MemoryReplayStoreOptions = {}): ReplayStore & { readonly size: number } {
  const used = new Map<string, number>();
  let nextSweep = 0;
  return {
    get size() {
      return used.size;
    },
    async consume(id, expiresAt) {
      const seconds = Math.floor(now().getTime() / 1000);
      // Sweep at most once a second: keeps memory bounded by the tokens still valid.
      if (seconds >= nextSweep) {
        for (const [key, expiry] of used) if (expiry < seconds) used.delete(key);
        nextSweep = seconds + 1;
      }
      const known = used.get(id);
      if (known !== undefined && known >= seconds) return false;
      used.set(id, expiresAt);
      return true;
    },
  };
}
