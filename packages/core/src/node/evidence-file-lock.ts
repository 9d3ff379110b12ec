import { randomUUID } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { PreflightError } from '../errors';

/** Options of {@link acquireEvidenceLock}. */
export interface EvidenceLockOptions {
  /** Give up (EVIDENCE_LOCKED) after waiting this long. @default 10000 */
  timeoutMs?: number;
  /**
   * A lock held longer than this by a process on another host (whose liveness cannot be checked)
   * is considered stale. Holders keep the lock for one append (milliseconds). @default 30000
   */
  staleMs?: number;
}

// One lookup per process: a lock's host is compared on every contended acquire.
const host = hostname();

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

/**
 * Takes the evidence directory's write lock: a `.lock` file created with O_EXCL, holding the
 * owner's pid, host and a random token. A lock whose owner is dead (same host, pid gone) or older
 * than `staleMs` (other host) is broken. Resolves with a release function.
 */
export async function acquireEvidenceLock(
  path: string,
  { timeoutMs = 10_000, staleMs = 30_000 }: EvidenceLockOptions = {},
): Promise<() => void> {
  const owner: LockOwner = { pid: process.pid, host, token: randomUUID() };
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(path, owner)) return () => release(path, owner);
    breakIfStale(path, staleMs);
    if (Date.now() - started > timeoutMs) {
      throw new PreflightError({
        code: 'EVIDENCE_LOCKED',
        message: `The evidence log is locked by another writer (${path}) and stayed locked for ${timeoutMs} ms.`,
        details: { path },
      });
    }
    // Appends hold the lock for about a millisecond: spin briefly, then back off a little.
    await new Promise((resolve) =>
      attempt < 20 ? setImmediate(resolve) : setTimeout(resolve, Math.min(5, attempt - 19)),
    );
  }
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new PreflightError({
      code: 'EVIDENCE_APPEND_FAILED',
      message: `Cannot create the evidence lock ${path}.`,
      cause: error,
    });
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return true;
}

function release(path: string, owner: LockOwner): void {
  // Remove the lock only if it is still ours (it is, unless someone wrongly judged us stale).
  if (readOwner(path)?.token === owner.token) unlinkSync(path);
}

function readOwner(path: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function breakIfStale(path: string, staleMs: number): void {
  const holder = readOwner(path);
  let ageMs: number;
  try {
    ageMs = Date.now() - statSync(path).mtimeMs;
  } catch {
    return; // released meanwhile
  }
  const stale = holder
    ? holder.host === host
      ? !isAlive(holder.pid)
      : ageMs > staleMs
    : ageMs > 2_000; // created but never written: its creator died between open and write
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
      // its lock gone and will not remove anyone else's (release checks the token).
    }
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
