import type { Assignment, PolicyIR } from '../policy';

/** Totals of each counter's session variable over the session's earlier admitted actions. */
export type SessionTotals = Readonly<Record<string, number>>;

/**
 * Sets each counter's session variable (`session_record_count`) to the session's prior total plus
 * this action's count (`record_count`), so that rules see the total INCLUDING this action. When
 * the action's count is unknown, the session total is unknown too (left absent), which keeps a
 * count limit undecided rather than assuming zero. A session total the assignment already holds
 * (stated outright) is kept.
 *
 * @example applyCounters(ir, { record_count: 3 }, { session_record_count: 8 })
 * // { record_count: 3, session_record_count: 11 }
 */
export function applyCounters(
  ir: PolicyIR,
  assignment: Assignment,
  sessionTotals: SessionTotals = {},
): Assignment {
  const result: Record<string, boolean | number | string> = { ...assignment };
  for (const counter of ir.counters) {
    if (counter.sessionVariable in assignment) continue;
    const count = assignment[counter.actionVariable];
    if (typeof count !== 'number') continue;
    result[counter.sessionVariable] = (sessionTotals[counter.sessionVariable] ?? 0) + count;
  }
  return result;
}
