import { PreflightError } from '../../errors';
import type { Assignment, PolicyIR } from '../ir';
import { emitSmtLib } from './emit-smt-lib';
import { invalidValueReason } from './invalid-value-reason';
import { createSmtNames } from './smt-names';
import { smtNumeral } from './smt-numeral';

/**
 * `allowed`: can every rule hold under the assignment? (unsat => UNSAT)
 * `violated`: can some rule be violated under the assignment? (unsat => SAT)
 */
export type SmtQueryKind = 'allowed' | 'violated';

/**
 * A complete SMT-LIB script for one question about one action: the policy
 * ({@link emitSmtLib}), assertions fixing the assigned variables, the query, `(check-sat)`.
 * Absent variables stay free, so Z3 answers over every completion of the unknowns.
 * Throws EVALUATION_VARIABLE_UNKNOWN / EVALUATION_VALUE_INVALID on the same inputs as the
 * evaluator.
 *
 * @example
 * ```ts
 * smtQuery(ir, { approval_token: false }, 'allowed'); // ... (check-sat)
 * ```
 */
export function smtQuery(ir: PolicyIR, assignment: Assignment, query: SmtQueryKind): string {
  const names = createSmtNames(ir);
  const known = new Set(ir.variables.map((variable) => variable.name));
  const lines = [emitSmtLib(ir), '; Assignment (variables absent here are unknown)'];
  for (const [name, value] of Object.entries(assignment)) {
    if (value === undefined) continue;
    if (!known.has(name)) {
      throw new PreflightError({
        code: 'EVALUATION_VARIABLE_UNKNOWN',
        message: `The policy has no variable "${name}".`,
        details: { variable: name },
      });
    }
    const variable = names.variable(name);
    const reason = invalidValueReason(variable, value);
    if (reason !== undefined) {
      throw new PreflightError({
        code: 'EVALUATION_VALUE_INVALID',
        message: `Invalid value for "${name}": ${reason}.`,
        details: { variable: name, value },
      });
    }
    const symbol = names.symbol(name);
    if (variable.type === 'bool') lines.push(`(assert ${value ? symbol : `(not ${symbol})`})`);
    else if (variable.type === 'enum') {
      lines.push(`(assert (= ${symbol} ${names.constructorOf(name, value as string)}))`);
    } else {
      const sort = variable.type === 'int' ? 'Int' : 'Real';
      lines.push(`(assert (= ${symbol} ${smtNumeral(value as number, sort)}))`);
    }
  }
  const violations = ir.rules.map((rule) => `violates_rule_${rule.id}`);
  const anyViolated = violations.length === 1 ? violations[0] : `(or ${violations.join(' ')})`;
  lines.push(
    `; Query: ${query === 'allowed' ? 'can every rule hold?' : 'can some rule be violated?'}`,
    query === 'allowed' ? `(assert (not ${anyViolated}))` : `(assert ${anyViolated})`,
    '(check-sat)',
  );
  return `${lines.join('\n')}\n`;
}
