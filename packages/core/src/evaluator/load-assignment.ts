import { PreflightError } from '../errors';
import type { Assignment } from '../policy/ir';
import { invalidValueReason } from '../policy/smt';
import type { Memory } from './compile-expr';
import { BOOL, ENUM, INT, numericState, REAL, type VariableDomain } from './variable-domain';

/**
 * Writes an assignment into the memory (every variable unknown first). Accepts exactly what the
 * SMT-LIB query builder accepts (`invalidValueReason`); unknown names and ill-typed values throw.
 * This runs on every decision, so the common valid cases are checked inline, without allocating;
 * anything unusual falls through to the shared check, which names the problem.
 */
export function loadAssignment(
  assignment: Assignment,
  domains: ReadonlyMap<string, VariableDomain>,
  { state, known }: Memory,
): void {
  known.fill(0);
  // for-in does not allocate; a plain object has no inherited enumerable keys, and a polluted
  // prototype only adds names that fail as unknown variables (fail closed).
  for (const name in assignment) {
    const value = assignment[name];
    if (value === undefined) continue;
    const domain = domains.get(name);
    if (domain === undefined) {
      throw new PreflightError({
        code: 'EVALUATION_VARIABLE_UNKNOWN',
        message: `The policy has no variable "${name}".`,
        details: { variable: name },
      });
    }
    const i = domain.index;
    const kind = domain.kind;
    if (kind === BOOL && typeof value === 'boolean') {
      state[i] = value ? 1 : 0;
    } else if (kind === ENUM && typeof value === 'string') {
      state[i] = domain.enumStates.get(value) ?? domain.size - 1;
    } else if (
      // The same conditions as invalidValueReason: finite, integral for int, at least min.
      (kind === INT || kind === REAL) &&
      typeof value === 'number' &&
      value >= domain.min &&
      value !== Number.POSITIVE_INFINITY &&
      (kind === REAL || Number.isInteger(value))
    ) {
      state[i] = numericState(domain.constants, value);
    } else {
      throw new PreflightError({
        code: 'EVALUATION_VALUE_INVALID',
        message: `Invalid value for "${name}": ${invalidValueReason(domain.variable, value) ?? 'wrong type'}.`,
        details: { variable: name, value },
      });
    }
    known[i] = 1;
  }
}
