import { ToolMessage } from '@langchain/core/messages';
import type { Decision, Guard, Outcome } from '@preflight/core';
import { describeError } from './failure-decision';

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
    await settleQuietly(guard, decision, {
      ran: true,
      ok: false,
      durationMs: performance.now() - started,
      error: describeError(error),
    });
    throw error;
  }
  const failed = ToolMessage.isInstance(result) && result.status === 'error';
  await settleQuietly(guard, decision, {
    ran: true,
    ok: !failed,
    durationMs: performance.now() - started,
  });
  return result;
}

/** `guard.settle` for a call that did not run (blocked). */
export function settleBlocked(guard: Guard, decision: Decision): Promise<void> {
  return settleQuietly(guard, decision, { ran: false, ok: false });
}

// `settle` never throws by contract; a custom guard's might, and a tool result must not be lost
// (or a block turned into a crash) because of it.
async function settleQuietly(guard: Guard, decision: Decision, outcome: Outcome): Promise<void> {
  try {
    await guard.settle(decision, outcome);
  } catch {
    // Nothing to do: the decision was recorded write-ahead by the guard.
  }
}
