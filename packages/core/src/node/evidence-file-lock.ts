import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { PreflightError } from '../errors';

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

// One lookup per process: a lock's host is compared on every contended acquire.
const host = hostname();

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

/**
 * The evidence directory's write lock. Each holder writes its owner record (pid, host, random
 * token) once, to `<path>-<token>`; taking the lock is one `link(2)` of that file to `<path>`,
 * which fails with EEXIST while anyone holds it, and releasing is a check that `<path>` is still
 * our inode plus one `unlink`. That is three system calls per append where creating, writing,
 * reading and deleting a lock file took eight. A lock whose owner is dead (same host, pid gone) or
 * older than `staleMs` (other host) is broken. Owner files of dead processes on this host are
 * swept when a lock handle is created.
 */
export function createEvidenceLock(
  path: string,
  { timeoutMs = 10_000, staleMs = 30_000 }: EvidenceLockOptions = {},
): EvidenceLock {
  const owner: LockOwner = { pid: process.pid, host, token: randomUUID() };
  const ownerPath = `${path}-${owner.token}`;
  let ino: number | undefined;
  let dev = 0;
  sweepDeadOwners(path);

  const writeOwner = () => {
    const fd = openFile(ownerPath);
    try {
      writeSync(fd, JSON.stringify(owner));
      const stats = fstatSync(fd);
      ino = stats.ino;
      dev = stats.dev;
    } finally {
      closeSync(fd);
    }
  };

  const tryLink = (): boolean => {
    if (ino === undefined) writeOwner();
    try {
      linkSync(ownerPath, path);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code === 'ENOENT' && ino !== undefined) {
        // Our owner file was removed (by hand, or a sweep that misjudged us): write it again.
        ino = undefined;
        return tryLink();
      }
      throw lockError(path, error);
    }
  };

  const release = () => {
    // Remove the lock only if it is still ours (it is, unless someone wrongly judged us stale).
    try {
      const stats = lstatSync(path);
      if (stats.ino === ino && stats.dev === dev) unlinkSync(path);
    } catch {}
  };

  return {
    async acquire() {
      const started = Date.now();
      for (let attempt = 0; ; attempt++) {
        if (tryLink()) return release;
        breakIfStale(path, staleMs);
        if (Date.now() - started > timeoutMs) {
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
      try {
        unlinkSync(ownerPath);
      } catch {}
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

function openFile(path: string): number {
  try {
    return openSync(path, 'wx', 0o600);
  } catch (error) {
    throw lockError(path, error);
  }
}

function lockError(path: string, cause: unknown): PreflightError {
  return new PreflightError({
    code: 'EVIDENCE_APPEND_FAILED',
    message: `Cannot create the evidence lock ${path}.`,
    cause,
  });
}

function readOwner(path: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/** Owner files `<path>-<token>` left by processes of this host that died. */
function sweepDeadOwners(path: string): void {
  const prefix = `${basename(path)}-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path)).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const file = join(dirname(path), name);
    const holder = readOwner(file);
    if (holder?.host === host && !isAlive(holder.pid)) {
      try {
        unlinkSync(file);
      } catch {}
    }
  }
}

function breakIfStale(path: string, staleMs: number): void {
  const holder = readOwner(path);
  let ageMs: number;
  try {
    // link(2) sets the inode's ctime: when the lock was taken (mtime is when the owner was written).
    ageMs = Date.now() - lstatSync(path).ctimeMs;
  } catch {
    return; // released meanwhile
  }
  const stale = holder
    ? holder.host === host
      ? !isAlive(holder.pid)
      : ageMs > staleMs
    : ageMs > 2_000; // unreadable: a lock file from an older writer that died mid-write
  if (!stale) return;
  // Rename is atomic: of several processes breaking the same stale lock, one wins. The winner
  // checks it moved the lock it judged; if a fresh lock slipped in between, it puts it back.
  const aside = `${path}.stale-${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  const moved = readOwner(aside);
  if (moved?.token !== holder?.token) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone else holds a lock again; the one we moved belonged to a writer that now finds
      // its lock gone and will not remove anyone else's (release checks the inode).
    }
  } else if (holder && holder.host === host) {
    // A dead holder of this host: its owner file goes too.
    try {
      unlinkSync(`${path}-${holder.token}`);
    } catch {}
  }
  try {
    unlinkSync(aside);
  } catch {}
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
