import type { DecisionCode } from './decision-code';
import type { EngineVerdict, Violation } from './types';

/** What enforce mode does with a verdict. */
export type Admission =
  | { allowed: true; verdict: EngineVerdict; reason: string }
  | { allowed: false; verdict: EngineVerdict; code: DecisionCode; reason: string };

const results = new Set(['SAT', 'UNSAT', 'SATISFIABLE', 'ERROR']);

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

function errorVerdict(engine: string, reason: string): EngineVerdict {
  return { engine, result: 'ERROR', violations: [], unknown: [], reason };
}

function normaliseVerdict(raw: unknown, engine: string): EngineVerdict {
  if (raw === null || typeof raw !== 'object')
    return errorVerdict(engine, 'the engine returned no verdict');
  const verdict = raw as Partial<EngineVerdict>;
  if (typeof verdict.result !== 'string' || !results.has(verdict.result)) {
    return errorVerdict(
      engine,
      `the engine returned an unknown result ${JSON.stringify(String(verdict.result)).slice(0, 60)}`,
    );
  }
  const violations = Array.isArray(verdict.violations)
    ? verdict.violations.filter(
        (v): v is Violation => typeof v?.id === 'number' && typeof v?.text === 'string',
      )
    : [];
  const unknown = Array.isArray(verdict.unknown)
    ? verdict.unknown.filter((name): name is string => typeof name === 'string')
    : [];
  const normalised: EngineVerdict = {
    ...verdict,
    engine: typeof verdict.engine === 'string' ? verdict.engine : engine,
    result: verdict.result,
    violations,
    unknown,
  };
  if (normalised.result === 'ERROR' && typeof normalised.reason !== 'string') {
    normalised.reason = 'the engine gave no reason';
  }
  return normalised;
}
