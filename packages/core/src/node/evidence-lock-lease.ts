import type { EvidenceLock } from './evidence-file-lock';

/** Leases holding a kept lock, given up when the process exits (see below). */
const keptLeases = new Set<() => void>();
let exitHookInstalled = false;

function keepUntilExit(drop: () => void): void {
  keptLeases.add(drop);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A process that ends without close() must not leave the lock behind: a later writer would
  // have to judge it stale, and in a container a reused pid can make it look alive.
  process.once('exit', () => {
    for (const release of keptLeases) release();
  });
}

/** Options of {@link createEvidenceLockLease}. */
export interface EvidenceLockLeaseOptions {
  /** A released lock is kept this long in case the next append follows at once. @default 1 */
  idleMs?: number;
  /** Longest continuous hold before the lock is given up between appends. @default 50 */
  maxHoldMs?: number;
  /** Whether another writer waits for the lock: then it is never kept. @default never */
  contended?: () => boolean;
}

/** One hold of the lock; see {@link EvidenceLockLease.acquire}. */
export interface EvidenceLockHold {
  /**
   * True when this process has held the lock without a break since its previous append: nobody
   * else can have appended meanwhile, so there is nothing to catch up with.
   */
  readonly continued: boolean;
  /** Ends the append: `keep` leaves the lock held for a moment (after a successful append). */
  release(keep: boolean): void;
}

/** The directory lock, kept briefly between back-to-back appends; see below. */
export interface EvidenceLockLease {
  acquire(): Promise<EvidenceLockHold>;
  /** Gives a kept lock up now (on close). */
  drop(): void;
}

/**
 * Keeps the evidence directory's lock for `idleMs` after an append, so that appends that follow
 * each other closely (a burst of decisions) take and release it once instead of each time. Why:
 * on ext4 the lock's `link`/`unlink` are journalled directory operations, and while a group
 * commit's `fdatasync` is committing the journal they wait for it; they were the largest and
 * most variable part of an unsynced append after the signature. A writer that waits says so
 * (`<lock>.want`, see `someoneWaits`) and the lock is then released after every append, as
 * without a lease; otherwise others wait at most `idleMs` longer, or `maxHoldMs` under a
 * continuous burst. A kept lock is given up when the
 * process exits; one kept by a process that is killed is broken like any other (its pid is gone).
 */
export function createEvidenceLockLease(
  lock: EvidenceLock,
  { idleMs = 1, maxHoldMs = 50, contended = () => false }: EvidenceLockLeaseOptions = {},
): EvidenceLockLease {
  let held: (() => void) | undefined;
  let heldSince = 0;
  let lastUsed = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const drop = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    keptLeases.delete(drop);
    const release = held;
    held = undefined;
    release?.();
  };

  const onIdle = () => {
    timer = undefined;
    if (!held) return;
    const idle = performance.now() - lastUsed;
    if (idle >= idleMs) drop();
    else arm(idleMs - idle);
  };

  const arm = (ms: number) => {
    timer = setTimeout(onIdle, ms);
    // A kept lock must never keep the process alive.
    (timer as { unref?: () => void }).unref?.();
  };

  const hold = (continued: boolean): EvidenceLockHold => ({
    continued,
    release(keep) {
      lastUsed = performance.now();
      if (!keep || lastUsed - heldSince >= maxHoldMs || contended()) drop();
      else if (timer === undefined) {
        keepUntilExit(drop);
        arm(idleMs);
      }
    },
  });

  return {
    async acquire() {
      if (held) return hold(true);
      const release = await lock.acquire();
      held = release;
      heldSince = performance.now();
      return hold(false);
    },
    drop,
  };
}
