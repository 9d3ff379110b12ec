/** Options of {@link createDeferredSync}. */
export interface DeferredSyncOptions {
  /**
   * Makes everything written so far durable (the store's `sync`). A synchronous throw (or a
   * loosely typed store without `sync`) counts as a failed sync, never as an exception.
   */
  sync: () => Promise<void>;
  /** Longest time between the first unsynced write and the start of the sync covering it. */
  delayMs: number;
  /** Called once, with the error, when a sync fails. */
  onFailure: (cause: unknown) => void;
  /** Clock in milliseconds, for the delay. @default () => performance.now() */
  now?: () => number;
}

/** The sync side of group commit; see {@link createDeferredSync}. */
export interface DeferredSync {
  /** Records that something was written without a sync: a sync starts within `delayMs`. */
  written(): void;
  /** Syncs now whatever is unsynced (and waits for a sync in flight); rejects if a sync failed. */
  flush(): Promise<void>;
}

/**
 * Group commit's bounded delay: after the first write that was not synced, one sync starts
 * `delayMs` later and covers everything written until it starts. A write made while a sync runs
 * is not covered by it: its sync starts when that one ends if `delayMs` has passed by then, else
 * when it has, so a write waits at most `delayMs` plus the length of one sync. A timer starts
 * the sync, and so does the next write once the delay has passed (a busy event loop can run
 * timers late). The timer is not unref'd: a process that ends without `close()` still syncs, a
 * few milliseconds later.
 */
export function createDeferredSync({
  sync,
  delayMs,
  onFailure,
  now = () => performance.now(),
}: DeferredSyncOptions): DeferredSync {
  let dirty = false;
  /** When the oldest unsynced write was made (`now()`). */
  let since = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let failed: { cause: unknown } | undefined;

  const start = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    dirty = false;
    // Through a promise: a sync that throws instead of rejecting must take the failure path,
    // not escape from a timer (uncaught) or from written() into an append already written.
    const run = Promise.resolve()
      .then(() => sync())
      .then(settle, fail);
    running = run;
    return run;
  };

  function settle(): void {
    running = undefined;
    if (!dirty) return;
    // Written while the sync ran: not covered by it. Its delay counts from the write, not from
    // the end of this sync: start now if it is used up, else arm only what is left of it.
    const remainingMs = delayMs - (now() - since);
    if (remainingMs <= 0) start().catch(ignore);
    else arm(remainingMs);
  }

  function fail(cause: unknown): never {
    running = undefined;
    if (!failed) {
      failed = { cause };
      onFailure(cause);
    }
    throw cause;
  }

  function onTimer(): void {
    timer = undefined;
    // The failure is reported through onFailure; nobody awaits a timer's sync.
    if (!running && !failed) start().catch(ignore);
  }

  function arm(ms: number): void {
    if (timer === undefined && !running && !failed) timer = setTimeout(onTimer, ms);
  }

  return {
    written() {
      if (!dirty) {
        dirty = true;
        since = now();
        arm(delayMs);
      } else if (!running && !failed && now() - since >= delayMs) {
        start().catch(ignore);
      }
    },
    async flush() {
      while (running) await running;
      if (failed) throw failed.cause;
      if (dirty) await start();
    },
  };
}

function ignore(): void {}
