import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, linkSync, openSync, writeSync } from 'node:fs';
import { PreflightError } from '../errors';
import { breakIfStale } from './break-stale-lock';
import { type FileId, noHardLinks, sameFile, unlinkIgnoring } from './evidence-lock-fs';
import { lockHost as host, type LockOwner, sweepDeadLockOwners } from './evidence-lock-owner';
import { signalWant, withdrawWant } from './evidence-lock-want';

/** Options of {@link acquireEvidenceLock} and {@link createEvidenceLock}. */
export interface EvidenceLockOptions {
  /** Give up (EVIDENCE_LOCKED) after waiting this long. @default 10000 */
  timeoutMs?: number;
  /**
   * A lock held longer than this by a process on another host (whose liveness cannot be checked)
   * is considered stale. Holders keep the lock for one append (milliseconds). @default 30000
   */
  staleMs?: number;
}

/** A reusable handle on a directory's write lock; see {@link createEvidenceLock}. */
export interface EvidenceLock {
  /** Takes the lock (waiting for another holder); resolves with its release function. */
  acquire(): Promise<() => void>;
  /** Removes this holder's owner file. Call once, when the lock is no longer needed. */
  dispose(): void;
}

/**
 * The evidence directory's write lock. Each holder keeps its owner file `<path>-<token>` open;
 * taking the lock is one `pwrite` of a fresh owner record (pid, host, token and an acquisition
 * counter, padded to a fixed width) at offset 0 of that file plus one `link(2)` of it to
 * `<path>`, which fails with EEXIST while anyone holds it; releasing is a check that `<path>` is
 * still our inode plus one `unlink`. The fresh record per acquisition lets a breaker tell this
 * hold from an earlier one it judged stale, and refreshes the file's mtime (which older versions
 * judge staleness by). A lock whose owner is dead (same host, pid gone) or older than `staleMs`
 * (other host) is broken. Owner files of dead processes on this host are swept when a lock handle
 * is created. On a filesystem without hard links the lock falls back to creating `<path>` with
 * O_EXCL and writing the owner record into it.
 */
export function createEvidenceLock(
  path: string,
  { timeoutMs = 10_000, staleMs = 30_000 }: EvidenceLockOptions = {},
): EvidenceLock {
  const owner: Required<LockOwner> = {
    pid: process.pid,
    host,
    token: randomUUID(),
    acquisition: 0,
  };
  const ownerPath = `${path}-${owner.token}`;
  // Every record is padded to this width, so each rewrite replaces the whole previous one.
  const width = Buffer.byteLength(
    JSON.stringify({ ...owner, acquisition: Number.MAX_SAFE_INTEGER }),
  );
  let ownerFd: number | undefined;
  let ownerId: FileId | undefined;
  /** The lock's inode while this handle holds it. */
  let held: FileId | undefined;
  let hardLinks = true;
  sweepDeadLockOwners(path);

  // One buffer, rewritten per acquisition: only the counter changes (`acquisition` is last).
  const record = Buffer.alloc(width, ' ');
  const prefix = JSON.stringify(owner).slice(0, -2);
  const nextRecord = (): Buffer => {
    owner.acquisition++;
    const end = record.write(`${prefix}${owner.acquisition}}`);
    record.fill(0x20, end);
    return record;
  };

  const closeOwner = () => {
    if (ownerFd !== undefined) closeSync(ownerFd);
    ownerFd = undefined;
    ownerId = undefined;
  };

  const tryLink = (retried = false): boolean => {
    try {
      if (ownerFd === undefined) {
        ownerFd = openSync(ownerPath, 'wx', 0o600);
        const { ino, dev } = fstatSync(ownerFd);
        ownerId = { ino, dev };
      }
      writeSync(ownerFd, nextRecord(), 0, width, 0);
    } catch (error) {
      throw lockError(path, error);
    }
    try {
      linkSync(ownerPath, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') {
        // Our own owner file: a breaker put it back after we released it; nobody else holds it.
        if (!sameFile(path, ownerId)) return false;
        held = ownerId;
        return true;
      }
      if (code === 'ENOENT' && !retried) {
        // Our owner file was removed (by hand, or a sweep that misjudged us): write it again.
        closeOwner();
        return tryLink(true);
      }
      if (!noHardLinks.has(code)) throw lockError(path, error);
      hardLinks = false;
      discardOwnerFile();
      return tryCreate();
    }
    held = ownerId;
    return true;
  };

  /** The fallback without hard links: `<path>` itself, created with O_EXCL, holds the record. */
  const tryCreate = (): boolean => {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw lockError(path, error);
    }
    try {
      writeSync(fd, nextRecord());
      const { ino, dev } = fstatSync(fd);
      held = { ino, dev };
      return true;
    } catch (error) {
      unlinkIgnoring(path);
      throw lockError(path, error);
    } finally {
      closeSync(fd);
    }
  };

  const discardOwnerFile = () => {
    closeOwner();
    unlinkIgnoring(ownerPath);
  };

  const release = () => {
    // Remove the lock only if it is still ours (it is, unless someone wrongly judged us stale).
    const ours = held;
    held = undefined;
    if (ours && sameFile(path, ours)) unlinkIgnoring(path);
  };

  return {
    async acquire() {
      const started = Date.now();
      let asked = false;
      for (let attempt = 0; ; attempt++) {
        if (hardLinks ? tryLink() : tryCreate()) {
          if (asked) withdrawWant(path);
          return release;
        }
        breakIfStale(path, staleMs);
        // Past the spin, ask a holder that keeps the lock between appends to let go.
        if (attempt >= 20) {
          signalWant(path);
          asked = true;
        }
        if (Date.now() - started > timeoutMs) {
          if (asked) withdrawWant(path);
          throw new PreflightError({
            code: 'EVIDENCE_LOCKED',
            message: `The evidence log is locked by another writer (${path}) and stayed locked for ${timeoutMs} ms.`,
            details: { path },
          });
        }
        // Appends hold the lock for well under a millisecond: spin briefly, then back off a little.
        await new Promise((resolve) =>
          attempt < 20 ? setImmediate(resolve) : setTimeout(resolve, Math.min(5, attempt - 19)),
        );
      }
    },
    dispose() {
      // Our owner file left in place as the lock (put back by a breaker after our release).
      if (!held && sameFile(path, ownerId)) unlinkIgnoring(path);
      discardOwnerFile();
    },
  };
}

/**
 * Takes the evidence directory's write lock once (see {@link createEvidenceLock}). Resolves with
 * a release function, which also removes this holder's owner file.
 */
export async function acquireEvidenceLock(
  path: string,
  options: EvidenceLockOptions = {},
): Promise<() => void> {
  const lock = createEvidenceLock(path, options);
  try {
    const release = await lock.acquire();
    return () => {
      release();
      lock.dispose();
    };
  } catch (error) {
    lock.dispose();
    throw error;
  }
}

function lockError(path: string, cause: unknown): PreflightError {
  return new PreflightError({
    code: 'EVIDENCE_APPEND_FAILED',
    message: `Cannot create the evidence lock ${path}.`,
    cause,
  });
}
