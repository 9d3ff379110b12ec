import type { Decision } from '../guard/types';

/** What the denial text reads from a blocked decision (or from the receipt a tool result carries). */
export type DenialFacts = Pick<Decision, 'id' | 'result' | 'reason' | 'violations' | 'unknown'> &
  Partial<Pick<Decision, 'code' | 'wouldAllowWith' | 'receipt'>>;

/**
 * The sentence that tells a model what would allow a blocked call, and that it cannot supply it
 * itself: permission values come from the application after a human approves, never from tool
 * arguments. Undefined when no permission would help. Tolerates a `wouldAllowWith` that came
 * back from a UI round trip malformed.
 */
export function permissionHint(wouldAllowWith: readonly string[] | undefined): string | undefined {
  if (!Array.isArray(wouldAllowWith) || wouldAllowWith.length === 0) return undefined;
  return (
    `It would be allowed with: ${wouldAllowWith.map(String).join(', ')}. These come from the ` +
    'application after a human approves; values written into tool arguments do not count, ' +
    'so do not retry with invented tokens.'
  );
}

/**
 * The text a model reads when PreFlight blocks a call: which tool did not run, the violated
 * rules (or the reason, when no rule was violated: engine error, invalid args...), what would
 * allow it and that permission values come from the application, and the receipt id.
 *
 * @example
 * // PreFlight blocked this call: the tool "exportRecords" did not run (UNSAT, POLICY_UNSAT).
 * // Violated rules:
 * //   1. Do not transfer customer records to an external destination unless ...
 * // It would be allowed with: authorization_token, approver_id. ...
 * // Receipt: 6f1d...
 */
export function formatDenial(decision: DenialFacts, tool: string): string {
  const code = decision.code === undefined ? '' : `, ${decision.code}`;
  const lines = [
    `PreFlight blocked this call: the tool "${tool}" did not run (${decision.result}${code}).`,
  ];
  if (decision.violations.length > 0) {
    lines.push('Violated rules:');
    for (const violation of decision.violations) lines.push(`  ${violation.id}. ${violation.text}`);
  } else {
    lines.push(`Reason: ${decision.reason}`);
  }
  if (decision.unknown.length > 0 && decision.violations.length === 0) {
    lines.push(`The decision depends on: ${decision.unknown.join(', ')}.`);
  }
  const hint = permissionHint(decision.wouldAllowWith);
  if (hint !== undefined) lines.push(hint);
  lines.push(`Receipt: ${decision.receipt?.id ?? decision.id}`);
  return lines.join('\n');
}
