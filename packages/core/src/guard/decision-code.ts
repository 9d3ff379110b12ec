/**
 * Why a decision blocked (or, in shadow mode, would have blocked): `Decision.code`. Stable
 * strings that adapters and dashboards branch on; documented in docs/guard.md.
 */
export const decisionCodes = [
  /** The engine found the action violates a rule under every completion. */
  'POLICY_UNSAT',
  /** The result depends on unknown variables (SATISFIABLE) and `uncertain` is 'block'. */
  'POLICY_UNCERTAIN',
  /** The engine answered ERROR, threw, or gave an answer of unknown shape. */
  'ENGINE_ERROR',
  /** The call itself is malformed (no tool name, context not an object). */
  'CALL_INVALID',
  /** The args are not plain bounded JSON, or fail the tool mapping's schema. */
  'ARGS_INVALID',
  /** The tool mapping threw or produced values the policy cannot hold. */
  'MAPPING_FAILED',
  /** The tool has no mapping and `unmappedTools` is 'block'. */
  'TOOL_NOT_MAPPED',
  /** The canonical description cannot hold every policy variable within its limit. */
  'ACTION_TOO_LARGE',
  /** The session store failed to read totals or reserve counters. */
  'SESSION_STORE_FAILED',
  /** The recorder could not write the decision before the tool would run (write-ahead). */
  'RECEIPT_NOT_WRITTEN',
  /** Anything else that went wrong inside the guard. */
  'GUARD_INTERNAL',
  /** The check did not finish within `timeoutMs` (a dependency never answered). */
  'GUARD_TIMEOUT',
] as const;

export type DecisionCode = (typeof decisionCodes)[number];
