/** What {@link withDeadline} resolves to when the deadline passed first. */
export const deadlinePassed: unique symbol = Symbol('deadline passed');

/**
 * Races `work` against a timer of `ms` milliseconds, so that a dependency that never answers
 * (an engine, a recorder, a store) cannot hang the guard, and with it the agent loop. Resolves to
 * the work's result, or to {@link deadlinePassed}; a rejection of `work` is passed on. `ms` of 0
 * (or not finite) means no deadline. The work itself is not cancelled: callers abort it and clean
 * up after it themselves.
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof deadlinePassed> {
  if (!(ms > 0) || !Number.isFinite(ms)) return work;
  // One promise rather than Promise.race plus a timer promise plus finally: this wraps every
  // check and settle. Whichever settles first wins; the timer is cleared when the work settles.
  return new Promise<T | typeof deadlinePassed>((resolve, reject) => {
    const timer = setTimeout(resolve, ms, deadlinePassed);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
