/** Options of {@link createDeferredSync}. */
export interface DeferredSyncOptions {
  /** Makes everything written so far durable (the store's `sync`). */
  sync: () => Promise<void>;
  /** Longest time between the first unsynced write and the start of the sync covering it. */
  delayMs: number;
  /** Called once, with the error, when a sync fails. */
  onFailure: (cause: unknown) => void;
}

/** The sync side of group commit; see {@link createDeferredSync}. */
export interface DeferredSync {
  /** Records that something was written without a sync: a sync starts within `delayMs`. */
  written(): void;
  /** Syncs now whatever is unsynced (and waits for a sync in flight); rejects if a sync failed. */
  flush(): Promise<void>;
}

/**
 * Group commit's bounded delay: after the first write that was not synced, one sync runs at most
 * `delayMs` later and covers everything written until it starts; writes made while it runs get
 * the next one. A timer starts it, and so does the next write once the delay has passed (a busy
 * event loop can run timers late). The timer is not unref'd: a process that ends without
 * `close()` still syncs, a few milliseconds later.
 */
export function createDeferredSync({
  sync,
  delayMs,
  onFailure,
}: DeferredSyncOptions): DeferredSync {
  let dirty = false;
  /** When the oldest unsynced write was made (performance.now()). */
  let since = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let failed: { cause: unknown } | undefined;

  const start = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    dirty = false;
    const run = sync().then(settle, fail);
    running = run;
    return run;
  };

  function settle(): void {
    running = undefined;
    // Written while the sync ran: not covered by it, so the next one is due.
    if (dirty) arm();
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

  function arm(): void {
    if (timer === undefined && !running && !failed) timer = setTimeout(onTimer, delayMs);
  }

  return {
    written() {
      if (!dirty) {
        dirty = true;
        since = performance.now();
        arm();
      } else if (!running && !failed && performance.now() - since >= delayMs) {
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
