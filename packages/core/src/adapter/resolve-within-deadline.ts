import type { Guard } from '../guard/guard-options';
import { deadlinePassed, withDeadline } from '../guard/with-deadline';

// What createGuard uses when `timeoutMs` is not set; also the bound for a custom guard that
// does not say its own (an app callback must never be awaited without one).
const defaultTimeoutMs = 180_000;

/**
 * Rejection of {@link resolveWithinDeadline} when the app's function did not answer in time. The
 * adapter turns it into a blocked call with code GUARD_TIMEOUT (not GUARD_INTERNAL): nothing
 * broke, something did not answer.
 */
export class AdapterTimeoutError extends Error {
  readonly code = 'GUARD_TIMEOUT' as const;
}

/**
 * Awaits an app-supplied function an adapter must run before it can ask the guard (the trusted
 * `context` or `sessionId` option), bounded by the guard's own `timeoutMs`, so that one whose
 * promise never settles blocks the call instead of hanging the agent loop. Rejects with
 * {@link AdapterTimeoutError} past the deadline, and with whatever the function threw or
 * rejected with otherwise. The late work is not cancelled; a late rejection is swallowed.
 * A guard with `timeoutMs: 0` (no limit) leaves the wait unbounded, as it does its own.
 *
 * @example
 * const context = await resolveWithinDeadline(guard, () => options.context(call), 'the context function');
 */
export async function resolveWithinDeadline<T>(
  guard: Pick<Guard, 'timeoutMs'>,
  work: () => T | PromiseLike<T>,
  what: string,
): Promise<T> {
  const ms = timeoutOf(guard);
  const finished = await withDeadline(Promise.resolve(work()), ms);
  if (finished === deadlinePassed) {
    throw new AdapterTimeoutError(`${what} did not answer within ${ms} ms`);
  }
  return finished;
}

// Read defensively: a custom guard's getter may throw or hold anything.
function timeoutOf(guard: Pick<Guard, 'timeoutMs'>): number {
  try {
    const ms = guard.timeoutMs;
    return typeof ms === 'number' && ms >= 0 ? ms : defaultTimeoutMs;
  } catch {
    return defaultTimeoutMs;
  }
}
