import type { Decision } from '../guard/types';

/**
 * Whether a guard's answer is shaped like a decision. An adapter that calls a guard it did not
 * build (a custom or wrapped `Guard`) checks this before it trusts `allowed`: anything else is
 * a failure, and a failure blocks.
 */
export function isDecision(value: unknown): value is Decision {
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
