import { closeSync, lstatSync, openSync, unlinkSync } from 'node:fs';

/**
 * `<lock>.want`: a waiting writer's request that the holder stop keeping the directory lock
 * between its appends (see `createEvidenceLockLease`). Without it a writer in a burst of appends
 * would keep the lock for the whole burst while others sleep in their back-off.
 */
const wantPath = (lockPath: string) => `${lockPath}.want`;

/** A waiter asks for the lock (creates the request file if it is missing). */
export function signalWant(lockPath: string): void {
  try {
    closeSync(openSync(wantPath(lockPath), 'a', 0o600));
  } catch {
    // Best effort: without the request the waiter still gets the lock, only later.
  }
}

/** The waiter got the lock: withdraw the request (others still waiting make it again). */
export function withdrawWant(lockPath: string): void {
  try {
    unlinkSync(wantPath(lockPath));
  } catch {}
}

/**
 * Whether another writer is waiting for the lock. A request older than `staleMs` (its waiter gave
 * up or died) is removed and ignored.
 */
export function someoneWaits(lockPath: string, staleMs: number): boolean {
  const stats = lstatSync(wantPath(lockPath), { throwIfNoEntry: false });
  if (!stats) return false;
  if (Date.now() - stats.mtimeMs > staleMs) {
    withdrawWant(lockPath);
    return false;
  }
  return true;
}
