import { ToolMessage } from '@langchain/core/messages';
import {
  type Decision,
  describeError,
  type Guard,
  type Outcome,
  settleQuietly,
} from '@preflight/core';
import { isAdapterDecision } from './check-tool-call';

/**
 * Runs an allowed call's tool unchanged and reports the outcome to the guard: counters commit
 * when the tool succeeded, release when it failed (threw, or answered with an error
 * `ToolMessage`). The tool's own error is re-thrown as is, so the framework handles it exactly as
 * it would without PreFlight.
 */
export async function runAllowedCall<T>(
  guard: Guard,
  decision: Decision,
  run: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  let result: T;
  try {
    result = await run();
  } catch (error) {
    await settleDecision(guard, decision, {
      ran: true,
      ok: false,
      durationMs: performance.now() - started,
      error: describeError(error),
    });
    throw error;
  }
  const failed = ToolMessage.isInstance(result) && result.status === 'error';
  await settleDecision(guard, decision, {
    ran: true,
    ok: !failed,
    durationMs: performance.now() - started,
  });
  return result;
}

/** `guard.settle` for a call that did not run (blocked). */
export function settleBlocked(guard: Guard, decision: Decision): Promise<void> {
  return settleDecision(guard, decision, { ran: false, ok: false });
}

// A decision the adapter made itself (the guard could not decide) was never the guard's: settling
// it would write an outcome for a decision the evidence log does not hold.
async function settleDecision(guard: Guard, decision: Decision, outcome: Outcome): Promise<void> {
  if (!isAdapterDecision(decision)) await settleQuietly(guard, decision, outcome);
}
