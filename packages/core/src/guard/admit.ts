import type { DecisionCode } from './decision-code';
import { normaliseVerdict } from './normalise-verdict';
import type { EngineVerdict, Violation } from './types';

/** What enforce mode does with a verdict. */
export type Admission =
  | { allowed: true; verdict: EngineVerdict; reason: string }
  | { allowed: false; verdict: EngineVerdict; code: DecisionCode; reason: string };

/**
 * The one place a verdict becomes allow or block. Allowed only on SAT (or SATISFIABLE with
 * `uncertain: 'allow'`); UNSAT, ERROR, and anything not shaped like a verdict block. The verdict
 * is normalised so that a malformed engine answer is recorded as an ERROR verdict.
 */
export function admit(raw: unknown, engine: string, uncertain: 'block' | 'allow'): Admission {
  const verdict = normaliseVerdict(raw, engine);
  switch (verdict.result) {
    case 'SAT':
      return {
        allowed: true,
        verdict,
        reason: 'Allowed: the action breaks no rule of the policy.',
      };
    case 'UNSAT':
      return {
        allowed: false,
        verdict,
        code: 'POLICY_UNSAT',
        reason:
          verdict.violations.length > 0
            ? `Blocked: the action violates ${verdict.violations.map(formatRule).join('; ')}.`
            : 'Blocked: the action violates the policy.',
      };
    case 'SATISFIABLE': {
      const unknowns =
        verdict.unknown.length > 0
          ? verdict.unknown.join(', ')
          : 'variables the action does not fix';
      if (uncertain === 'allow') {
        return {
          allowed: true,
          verdict,
          reason: `Allowed with uncertainty: the result depends on ${unknowns} (uncertain results are allowed by configuration).`,
        };
      }
      return {
        allowed: false,
        verdict,
        code: 'POLICY_UNCERTAIN',
        reason: `Blocked: the result depends on ${unknowns}, which the call does not fix; map them for this tool.`,
      };
    }
    default:
      return {
        allowed: false,
        verdict,
        code: 'ENGINE_ERROR',
        reason: `Blocked: the policy engine could not decide (${verdict.reason ?? 'no reason given'}).`,
      };
  }
}

function formatRule(violation: Violation): string {
  return `rule ${violation.id} (${violation.text})`;
}
