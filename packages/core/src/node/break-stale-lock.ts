import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, lstatSync, renameSync } from 'node:fs';
import { noHardLinks, unlinkIgnoring } from './evidence-lock-fs';
import {
  lockHost as host,
  isProcessAlive,
  isSameHold,
  type LockOwner,
  readLockOwner,
} from './evidence-lock-owner';

/**
 * Breaks the lock at `path` if its holder is stale: a dead process of this host, a holder on
 * another host for longer than `staleMs`, or an unreadable record older than two seconds.
 */
export function breakIfStale(path: string, staleMs: number): void {
  const holder = readLockOwner(path);
  let ageMs: number;
  try {
    // link(2) and each owner record's write set the inode's ctime: when the lock was taken.
    ageMs = Date.now() - lstatSync(path).ctimeMs;
  } catch {
    return; // released meanwhile
  }
  const stale = holder
    ? holder.host === host
      ? !isProcessAlive(holder.pid)
      : ageMs > staleMs
    : ageMs > 2_000; // unreadable: a lock file from a writer that died mid-write
  if (stale) breakStaleLock(path, holder);
}

/**
 * Moves aside the lock judged stale while `judged` held it. Rename is atomic: of several
 * processes breaking the same stale lock, one wins. The winner checks it moved the very hold it
 * judged (same token and acquisition); if the holder released and took the lock again meanwhile,
 * or another took it, it puts that fresh lock back. Exported for tests.
 */
export function breakStaleLock(path: string, judged: LockOwner | undefined): void {
  const aside = `${path}.stale-${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  const moved = readLockOwner(aside);
  if (!isSameHold(moved, judged)) {
    try {
      linkSync(aside, path);
    } catch (error) {
      // Without hard links: rename back unless someone took the lock meanwhile (a narrow race).
      // Otherwise someone else holds a lock again; the one we moved belonged to a writer that
      // now finds its lock gone and will not remove anyone else's (release checks the inode).
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (noHardLinks.has(code) && !existsSync(path)) {
        try {
          renameSync(aside, path);
          return;
        } catch {}
      }
    }
  } else if (judged && judged.host === host) {
    // A dead holder of this host: its owner file goes too.
    unlinkIgnoring(`${path}-${judged.token}`);
  }
  unlinkIgnoring(aside);
}
