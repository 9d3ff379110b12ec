import { PreflightError } from '../errors';
import { expressionVariables } from './expression-variables';
import { ENUM_OTHER, type PolicyIR, type PolicyIRInput, policyIrSchema, type Variable } from './ir';

/**
 * Validates a policy IR written directly in TypeScript (or produced by the compiler) and returns
 * it with defaults filled in. Checks the zod schema and then every cross-reference: rule ids and
 * variable names unique; `var` reads a bool, `cmp` an int or real (integer constants for ints),
 * `in` an enum with those values; exceptions are bool variables; lists and counters name
 * existing variables of the right type. Throws one POLICY_IR_INVALID listing every problem.
 *
 * @example
 * const ir = definePolicy({
 *   version: 'v1',
 *   variables: [{ name: 'refund_token', type: 'bool', role: 'permission', description: 'A refund token is provided' }],
 *   rules: [{ id: 1, text: 'Refunds need a token.', shape: 'custom', violation: { op: 'not', arg: { op: 'var', name: 'refund_token' } } }],
 * });
 */
export function definePolicy(input: PolicyIRInput): PolicyIR {
  const parsed = policyIrSchema.safeParse(input);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map(
        (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
      ),
    );
  }
  const ir = parsed.data;
  const problems = crossReferenceProblems(ir);
  if (problems.length > 0) throw invalid(problems);
  return ir;
}

function crossReferenceProblems(ir: PolicyIR): string[] {
  const problems: string[] = [];
  const variables = new Map<string, Variable>();
  for (const variable of ir.variables) {
    if (variables.has(variable.name))
      problems.push(`variable "${variable.name}" is declared twice`);
    variables.set(variable.name, variable);
    if (variable.type === 'enum') {
      if (new Set(variable.values).size !== variable.values.length) {
        problems.push(`enum "${variable.name}" lists a value twice`);
      }
      if (variable.values.includes(ENUM_OTHER)) {
        problems.push(`enum "${variable.name}" may not name the reserved value "${ENUM_OTHER}"`);
      }
    }
  }
  const ids = new Set<number>();
  for (const rule of ir.rules) {
    if (ids.has(rule.id)) problems.push(`rule id ${rule.id} is used twice`);
    ids.add(rule.id);
    for (const use of expressionVariables(rule.violation)) {
      const problem = useProblem(use.expr, variables.get(use.name));
      if (problem !== undefined) problems.push(`rule ${rule.id}: ${problem}`);
    }
    for (const name of rule.exceptions) {
      const variable = variables.get(name);
      if (variable?.type !== 'bool') {
        problems.push(
          `rule ${rule.id}: exception "${name}" ${variable ? 'is not a bool variable' : 'is not declared'}`,
        );
      }
    }
  }
  for (const list of ir.lists) {
    const variable = variables.get(list.variable);
    if (variable?.type !== 'bool') {
      problems.push(
        `list "${list.name}": variable "${list.variable}" ${variable ? 'is not a bool variable' : 'is not declared'}`,
      );
    }
  }
  for (const counter of ir.counters) {
    for (const name of [counter.actionVariable, counter.sessionVariable]) {
      const variable = variables.get(name);
      if (variable?.type !== 'int') {
        problems.push(
          `counter "${counter.unit}": variable "${name}" ${variable ? 'is not an int variable' : 'is not declared'}`,
        );
      }
    }
    if (counter.actionVariable === counter.sessionVariable) {
      problems.push(`counter "${counter.unit}": action and session variables must differ`);
    }
  }
  return problems;
}

function useProblem(
  expr: Parameters<typeof expressionVariables>[0],
  variable: Variable | undefined,
): string | undefined {
  if (expr.op !== 'var' && expr.op !== 'cmp' && expr.op !== 'in') return undefined;
  if (variable === undefined) return `variable "${expr.name}" is not declared`;
  if (expr.op === 'var' && variable.type !== 'bool') {
    return `"${expr.name}" is used as a bool but is ${variable.type}`;
  }
  if (expr.op === 'cmp') {
    if (variable.type !== 'int' && variable.type !== 'real') {
      return `"${expr.name}" is compared with a number but is ${variable.type}`;
    }
    if (variable.type === 'int' && !Number.isInteger(expr.value)) {
      return `int "${expr.name}" is compared with the non-integer ${expr.value}`;
    }
  }
  if (expr.op === 'in') {
    if (variable.type !== 'enum')
      return `"${expr.name}" is tested for values but is ${variable.type}`;
    const unknown = expr.values.filter((value) => !variable.values.includes(value));
    if (unknown.length > 0) {
      return `enum "${expr.name}" has no value ${unknown.map((value) => `"${value}"`).join(', ')} (values: ${variable.values.join(', ')})`;
    }
  }
  return undefined;
}

function invalid(problems: string[]): PreflightError {
  return new PreflightError({
    code: 'POLICY_IR_INVALID',
    message: `Invalid policy IR (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    details: { problems },
  });
}
