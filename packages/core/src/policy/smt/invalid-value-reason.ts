import type { Variable } from '../ir';

/**
 * Why `value` cannot be assigned to `variable`, or undefined when it can. Shared by the SMT-LIB
 * query builder and the evaluator so that both reject exactly the same inputs.
 * Any string is a valid enum value: strings the policy does not name stand for ENUM_OTHER.
 */
export function invalidValueReason(variable: Variable, value: unknown): string | undefined {
  switch (variable.type) {
    case 'bool':
      return typeof value === 'boolean' ? undefined : 'expected a boolean';
    case 'enum':
      return typeof value === 'string' ? undefined : 'expected a string (enum value)';
    case 'int':
    case 'real': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a finite number';
      if (variable.type === 'int' && !Number.isInteger(value)) return 'expected an integer';
      if (variable.min !== undefined && value < variable.min) {
        return `expected a number >= ${variable.min}`;
      }
      return undefined;
    }
  }
}
