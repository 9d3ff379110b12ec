/** What the guard hands the engine: `signal` is made on first read. */
export interface LazyAbort {
  /** The engine's options; reading `signal` creates it (aborted already if `abort` came first). */
  readonly engineOptions: { readonly signal: AbortSignal };
  /** Aborts the signal if an engine took it, and any signal taken later. */
  abort(reason: unknown): void;
}

/**
 * The abort side of a check's deadline, without paying for an AbortController on every call:
 * most engines (the embedded one) never read the signal, and creating a controller costs more
 * than the rest of a screened-out check. An engine that reads `options.signal` gets a real one,
 * combined with the caller's own `signal` (`AbortSignal.any`), exactly as if it had been made up
 * front.
 */
export function createLazyAbort(outer: AbortSignal | undefined): LazyAbort {
  let controller: AbortController | undefined;
  let signal: AbortSignal | undefined;
  let aborted: { reason: unknown } | undefined;
  return {
    engineOptions: {
      get signal(): AbortSignal {
        if (signal === undefined) {
          controller = new AbortController();
          if (aborted !== undefined) controller.abort(aborted.reason);
          signal =
            outer === undefined ? controller.signal : AbortSignal.any([outer, controller.signal]);
        }
        return signal;
      },
    },
    abort(reason) {
      aborted ??= { reason };
      controller?.abort(reason);
    },
  };
}
