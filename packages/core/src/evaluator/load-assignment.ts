import { PreflightError } from '../errors';
import type { Assignment } from '../policy/ir';
import { invalidValueReason } from '../policy/smt';
import type { Memory } from './compile-expr';
import { BOOL, ENUM, INT, numericState, REAL, type VariableDomain } from './variable-domain';

/**
 * Writes an assignment into the memory. Accepts exactly what the SMT-LIB query builder accepts
 * (`invalidValueReason`): unknown names and ill-typed values throw; `undefined` means absent.
 *
 * This runs on every decision, so it reads the assignment by the policy's variable names (fast
 * keyed loads) and only counts the assignment's keys to detect names the policy lacks; the
 * common valid values are checked inline without allocating.
 */
export function loadAssignment(
  assignment: Assignment,
  domains: readonly VariableDomain[],
  { state, known }: Memory,
): void {
  let found = 0;
  for (let d = 0; d < domains.length; d++) {
    const domain = domains[d] as VariableDomain;
    const value = assignment[domain.variable.name];
    const i = domain.index;
    if (value === undefined) {
      known[i] = 0;
      continue;
    }
    const kind = domain.kind;
    if (kind === BOOL && typeof value === 'boolean') {
      state[i] = value ? 1 : 0;
    } else if (kind === ENUM && typeof value === 'string') {
      state[i] = domain.enumStates.get(value) ?? domain.size - 1;
    } else if (
      // The same conditions as invalidValueReason: finite, integral for int, at least min.
      (kind === INT ? Number.isInteger(value) : kind === REAL && Number.isFinite(value)) &&
      (value as number) >= domain.min
    ) {
      state[i] = numericState(domain.constants, value as number);
    } else {
      invalidValue(domain, value);
    }
    known[i] = 1;
    found++;
  }
  // Every key accounted for: no unknown names. for-in also sees inherited enumerable keys,
  // so a polluted prototype fails closed (as an unknown variable) rather than being ignored.
  let keys = 0;
  for (const _ in assignment) keys++;
  if (keys !== found) rejectUnknownNames(assignment, domains);
}

/** Throws EVALUATION_VALUE_INVALID for `value` of the domain's variable. */
export function invalidValue(domain: VariableDomain, value: unknown): never {
  throw new PreflightError({
    code: 'EVALUATION_VALUE_INVALID',
    message: `Invalid value for "${domain.variable.name}": ${invalidValueReason(domain.variable, value) ?? 'wrong type'}.`,
    details: { variable: domain.variable.name, value },
  });
}

/** Throws EVALUATION_VARIABLE_UNKNOWN on the first name with a value that the policy lacks. */
export function rejectUnknownNames(assignment: object, domains: readonly VariableDomain[]): void {
  const names = new Set(domains.map((domain) => domain.variable.name));
  for (const name in assignment) {
    if ((assignment as Assignment)[name] !== undefined && !names.has(name)) {
      throw new PreflightError({
        code: 'EVALUATION_VARIABLE_UNKNOWN',
        message: `The policy has no variable "${name}".`,
        details: { variable: name },
      });
    }
  }
}
