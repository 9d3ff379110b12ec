import type { Guard } from '../guard/guard-options';
import type { Decision } from '../guard/types';

/** Options of {@link guardFailureDecision}. */
export interface GuardFailureDecisionOptions {
  /** The guard the call was meant for (its mode and policy hash; read defensively). */
  guard: Pick<Guard, 'mode' | 'policyHash'>;
  /** Why no decision could be made, as a clause: `the guard returned no decision`. */
  why: string;
  /** Time spent before the failure, for `timings.totalMs`. Default 0. */
  totalMs?: number;
  /**
   * Block even when the guard is in shadow mode. Default false: like the guard's own failures,
   * a shadow-mode guard lets the call run (`allowed: true`, `wouldAllow: false`) and says so in
   * the reason. True when no guard decided anything, so there is nothing to shadow.
   */
  blockInShadow?: boolean;
  /**
   * The decision's code: GUARD_TIMEOUT when an app function the adapter awaited did not answer
   * in time, GUARD_INTERNAL for everything else. Default 'GUARD_INTERNAL'.
   */
  code?: 'GUARD_INTERNAL' | 'GUARD_TIMEOUT';
}

/**
 * The decision an adapter stands in with when the guard could not decide: the guard threw or
 * answered with something that is not a decision, or the app's session or trusted-context
 * option failed or did not answer. Fail closed: result ERROR, code GUARD_INTERNAL (GUARD_TIMEOUT
 * for an option that did not answer), never would-allow. The guard
 * never saw it, so it is not in the evidence log and there is nothing to settle.
 *
 * @example
 * guardFailureDecision({ guard, why: `the guard failed: ${describeError(error)}` });
 * // { allowed: false, result: 'ERROR', code: 'GUARD_INTERNAL',
 * //   reason: 'Blocked: the guard failed: boom.', ... }
 */
export function guardFailureDecision({
  guard,
  why,
  totalMs = 0,
  blockInShadow = false,
  code = 'GUARD_INTERNAL',
}: GuardFailureDecisionOptions): Decision {
  const reason = `Blocked: ${why}.`;
  const shadow = !blockInShadow && read(() => guard.mode) === 'shadow';
  const policyHash = read(() => guard.policyHash);
  return {
    id: globalThis.crypto.randomUUID(),
    allowed: shadow,
    wouldAllow: false,
    mode: shadow ? 'shadow' : 'enforce',
    result: 'ERROR',
    code,
    reason: shadow ? `Shadow mode, not enforced. ${reason}` : reason,
    violations: [],
    unknown: [],
    screenedOut: false,
    verdicts: [],
    policyHash: typeof policyHash === 'string' ? policyHash : 'unknown',
    timings: { totalMs },
    createdAt: new Date().toISOString(),
  };
}

// A custom guard's getters may throw; the failure decision must still be made.
function read<T>(get: () => T): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}
