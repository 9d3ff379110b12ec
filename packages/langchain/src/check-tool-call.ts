import {
  type CheckOptions,
  type Decision,
  describeError,
  type Guard,
  guardFailureDecision,
  isDecision,
  type ToolCall,
  type TrustedContext,
} from '@preflight/core';

/**
 * `guard.check` that never throws and only lets a well-formed decision through: a guard that
 * throws, or answers with something that is not a decision, yields a blocked decision. Only
 * `allowed === true` ever runs a tool.
 */
export async function checkToolCall(
  guard: Guard,
  call: ToolCall,
  context: TrustedContext,
  options: CheckOptions,
): Promise<Decision> {
  let decision: unknown;
  try {
    decision = await guard.check(call, context, options);
  } catch (error) {
    return failedCheck(guard, `the guard failed: ${describeError(error)}`);
  }
  if (!isDecision(decision)) return failedCheck(guard, 'the guard returned no decision');
  return decision;
}

/**
 * The decision for a call the guard could not decide (it threw, answered garbage, or an option
 * of the app failed before it was asked): blocked, result ERROR, code GUARD_INTERNAL (or `code`,
 * GUARD_TIMEOUT for an app option that did not answer in time). In shadow
 * mode it lets the call run (`allowed: true`, `wouldAllow: false`), like the guard's own failures
 * and the other adapters: a shadow-mode guard enforces nothing, and a rollout in shadow mode
 * must not take an agent down because the guard failed. The guard never saw this decision.
 */
export function failedCheck(
  guard: Guard,
  why: string,
  code: 'GUARD_INTERNAL' | 'GUARD_TIMEOUT' = 'GUARD_INTERNAL',
): Decision {
  const decision = guardFailureDecision({ guard, why, code });
  adapterDecisions.add(decision);
  return decision;
}

const adapterDecisions = new WeakSet<Decision>();

/**
 * Whether the adapter made `decision` itself (`failedCheck`): the guard never saw it, so it is
 * not in the evidence log and there is nothing to settle.
 */
export function isAdapterDecision(decision: Decision): boolean {
  return adapterDecisions.has(decision);
}
