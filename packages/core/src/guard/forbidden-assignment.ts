import {
  ENUM_OTHER,
  type Expr,
  type PolicyIR,
  type Rule,
  type Value,
  type Variable,
} from '../policy/ir';

type Fixed = ReadonlyMap<string, Value>;

/** Bounds the search on adversarial IR; controlled-English rules need a handful of steps. */
const stepBudget = 10_000;

/**
 * An assignment under which `rule` is violated whatever the other variables are: the variables
 * of its violation expression fixed so that it is true, within each variable's domain (int/real
 * `min`, enum values or `(other)`). Every completion of it violates the rule, so any correct
 * engine must answer UNSAT: the guard's start-up self-test. Undefined when the rule can never be
 * violated (or the search budget runs out).
 */
export function forbiddenAssignment(
  policy: PolicyIR,
  rule: Rule,
): Record<string, Value> | undefined {
  const variables = new Map(policy.variables.map((variable) => [variable.name, variable]));
  const budget = { left: stepBudget };
  for (const found of solve(rule.violation, true, new Map(), variables, budget)) {
    return Object.fromEntries(found);
  }
  return undefined;
}

function* solve(
  expr: Expr,
  want: boolean,
  partial: Fixed,
  variables: ReadonlyMap<string, Variable>,
  budget: { left: number },
): Generator<Fixed> {
  budget.left -= 1;
  if (budget.left < 0) return;
  switch (expr.op) {
    case 'true':
    case 'false':
      if ((expr.op === 'true') === want) yield partial;
      return;
    case 'not':
      yield* solve(expr.arg, !want, partial, variables, budget);
      return;
    case 'and':
    case 'or':
      // and=true and or=false need every argument; the other two need any one argument.
      if ((expr.op === 'and') === want) {
        yield* solveAll(expr.args, want, partial, variables, budget);
      } else {
        for (const arg of expr.args) yield* solve(arg, want, partial, variables, budget);
      }
      return;
    case 'var':
      yield* fix(expr.name, [want], partial);
      return;
    case 'cmp':
      yield* fix(expr.name, numbers(expr, want, variables.get(expr.name)), partial);
      return;
    case 'in':
      yield* fix(expr.name, enumValues(expr, want, variables.get(expr.name)), partial);
      return;
  }
}

function* solveAll(
  args: readonly Expr[],
  want: boolean,
  partial: Fixed,
  variables: ReadonlyMap<string, Variable>,
  budget: { left: number },
): Generator<Fixed> {
  const [first, ...rest] = args;
  if (first === undefined) {
    yield partial;
    return;
  }
  for (const next of solve(first, want, partial, variables, budget)) {
    yield* solveAll(rest, want, next, variables, budget);
  }
}

function* fix(name: string, values: readonly Value[], partial: Fixed): Generator<Fixed> {
  const current = partial.get(name);
  if (current !== undefined) {
    if (values.includes(current)) yield partial;
    return;
  }
  for (const value of values) yield new Map(partial).set(name, value);
}

function numbers(expr: Extract<Expr, { op: 'cmp' }>, want: boolean, variable?: Variable): number[] {
  if (variable === undefined || (variable.type !== 'int' && variable.type !== 'real')) return [];
  const min = variable.min ?? Number.NEGATIVE_INFINITY;
  const step = variable.type === 'int' ? 1 : 0.5;
  const base = variable.type === 'int' ? Math.floor(expr.value) : expr.value;
  const candidates = [base + step, base, base - step, base + 2 * step, min];
  const holds = (x: number) => compare(x, expr.cmp, expr.value) === want;
  return candidates.filter((x) => Number.isFinite(x) && x >= min && holds(x));
}

function compare(x: number, cmp: Extract<Expr, { op: 'cmp' }>['cmp'], value: number): boolean {
  switch (cmp) {
    case '>':
      return x > value;
    case '>=':
      return x >= value;
    case '<':
      return x < value;
    case '<=':
      return x <= value;
    case '=':
      return x === value;
  }
}

function enumValues(
  expr: Extract<Expr, { op: 'in' }>,
  want: boolean,
  variable?: Variable,
): string[] {
  if (variable?.type !== 'enum') return [];
  const domain = [...variable.values, ENUM_OTHER];
  return domain.filter((value) => expr.values.includes(value) === want);
}
