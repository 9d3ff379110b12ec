import type { Guard } from '../guard/guard-options';
import type { Decision, Outcome } from '../guard/types';

/**
 * `guard.settle` for an adapter: never rejects. A guard's `settle` never rejects by contract,
 * but a custom guard's might, and a tool's result must not be lost (or a block turned into a
 * crash) because of it; the decision itself was already recorded write-ahead.
 */
export async function settleQuietly(
  guard: Pick<Guard, 'settle'>,
  decision: Decision,
  outcome: Outcome,
): Promise<void> {
  try {
    await guard.settle(decision, outcome);
  } catch {
    // Nothing to do: an outcome that cannot be written is lost, the decision is not.
  }
}
