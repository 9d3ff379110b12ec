import type { CheckOptions, Decision, Guard, ToolCall, TrustedContext } from '@preflight/core';
import { describeError, failureDecision } from './failure-decision';

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
    return failureDecision(guard, `the guard failed: ${describeError(error)}`);
  }
  if (!isDecision(decision)) return failureDecision(guard, 'the guard returned no decision');
  return decision;
}

function isDecision(value: unknown): value is Decision {
  if (typeof value !== 'object' || value === null) return false;
  const decision = value as Partial<Decision>;
  return (
    typeof decision.id === 'string' &&
    typeof decision.allowed === 'boolean' &&
    typeof decision.reason === 'string' &&
    typeof decision.result === 'string' &&
    Array.isArray(decision.violations) &&
    Array.isArray(decision.unknown) &&
    Array.isArray(decision.verdicts)
  );
}
