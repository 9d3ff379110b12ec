import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** This host's name, looked up once: a lock's host is compared on every contended acquire. */
export const lockHost = hostname();

/** What a lock file says about its holder; a new `acquisition` number each time it is taken. */
export interface LockOwner {
  pid: number;
  host: string;
  token: string;
  acquisition?: number;
}

/** The owner record in a lock or owner file (records are JSON padded with spaces). */
export function readLockOwner(path: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/** The same hold: same holder and same acquisition (files of older versions have none). */
export function isSameHold(a: LockOwner | undefined, b: LockOwner | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.token === b.token && a.acquisition === b.acquisition && a.pid === b.pid && a.host === b.host
  );
}

/** Whether a process of this host still runs (EPERM: it does, as another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Owner files `<path>-<token>` left by processes of this host that died. */
export function sweepDeadLockOwners(path: string): void {
  const prefix = `${basename(path)}-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path)).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const file = join(dirname(path), name);
    const holder = readLockOwner(file);
    if (holder?.host === lockHost && !isProcessAlive(holder.pid)) {
      try {
        unlinkSync(file);
      } catch {}
    }
  }
}
