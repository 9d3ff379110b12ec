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
 * The blocked decision for a guard that could not decide. Blocked also in shadow mode: no guard
 * decided anything, so there is nothing to shadow.
 */
export function failedCheck(guard: Guard, why: string): Decision {
  return guardFailureDecision({ guard, why, blockInShadow: true });
}
