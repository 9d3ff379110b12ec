import { PreflightError } from '../errors';
import { ENUM_OTHER, type Expr, type VariableType } from '../policy/ir';
import { comparisonTable, membershipTable, type VariableDomain } from './variable-domain';

/** Kleene truth value: 0 false, 1 true, 2 unknown. */
export type Truth = 0 | 1 | 2;
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;

/** The evaluator's working memory: one state per variable and whether it is known. */
export interface Memory {
  state: Int32Array;
  known: Uint8Array;
}

/**
 * An expression compiled against the memory. `test` evaluates it in three-valued (Kleene)
 * logic; with every variable it reads known, that is the exact two-valued answer. When `test`
 * is UNKNOWN, `unknowns` reports the unknown variables on undecided paths (a branch that is
 * already decided, like `x` in `false and x`, cannot change the value).
 */
export interface CompiledExpr {
  test: () => Truth;
  unknowns: (report: (index: number) => void) => void;
}

/** Compiles an expression; `used` collects the indices of the variables it reads. */
export function compileExpr(
  expr: Expr,
  domains: ReadonlyMap<string, VariableDomain>,
  memory: Memory,
  used: Set<number>,
): CompiledExpr {
  const { state, known } = memory;
  const lookup = (name: string, types: VariableType[]) => {
    const domain = domains.get(name);
    if (!domain || !types.includes(domain.variable.type)) {
      throw new PreflightError({
        code: 'POLICY_IR_INVALID',
        message: domain
          ? `"${expr.op}" cannot use ${domain.variable.type} variable "${name}".`
          : `A rule uses variable "${name}", which the policy does not declare.`,
        details: { variable: name },
      });
    }
    used.add(domain.index);
    return domain;
  };
  switch (expr.op) {
    case 'true':
      return { test: () => TRUE, unknowns: () => {} };
    case 'false':
      return { test: () => FALSE, unknowns: () => {} };
    case 'var': {
      const i = lookup(expr.name, ['bool']).index;
      return {
        test: () => (known[i] === 0 ? UNKNOWN : (state[i] as Truth)),
        unknowns: (report) => report(i),
      };
    }
    case 'cmp': {
      const domain = lookup(expr.name, ['int', 'real']);
      return tableAtom(
        domain.index,
        comparisonTable(domain.constants, expr.cmp, expr.value),
        memory,
      );
    }
    case 'in': {
      const domain = lookup(expr.name, ['enum']);
      for (const value of expr.values) {
        const named = domain.variable.type === 'enum' && domain.variable.values.includes(value);
        if (!named && value !== ENUM_OTHER) {
          throw new PreflightError({
            code: 'POLICY_IR_INVALID',
            message: `Enum variable "${expr.name}" has no value "${value}".`,
            details: { variable: expr.name, value },
          });
        }
      }
      return tableAtom(domain.index, membershipTable(domain, expr.values), memory);
    }
    case 'not': {
      const { test, unknowns } = compileExpr(expr.arg, domains, memory, used);
      return {
        test: () => {
          const value = test();
          return value === UNKNOWN ? UNKNOWN : ((1 - value) as Truth);
        },
        unknowns,
      };
    }
    case 'and':
    case 'or': {
      const args = expr.args.map((arg) => compileExpr(arg, domains, memory, used));
      return {
        test: junction(
          expr.op === 'and' ? FALSE : TRUE,
          args.map((arg) => arg.test),
        ),
        // The junction is UNKNOWN, so no argument is dominant: the undecided ones matter.
        unknowns: (report) => {
          for (const arg of args) if (arg.test() === UNKNOWN) arg.unknowns(report);
        },
      };
    }
  }
}

function tableAtom(i: number, table: Uint8Array, { state, known }: Memory): CompiledExpr {
  return {
    test: () => (known[i] === 0 ? UNKNOWN : (table[state[i] as number] as Truth)),
    unknowns: (report) => report(i),
  };
}

/** `and` (dominant FALSE) or `or` (dominant TRUE), with the dominant value short-circuiting. */
function junction(dominant: Truth, args: (() => Truth)[]): () => Truth {
  const other = (1 - dominant) as Truth;
  if (args.length === 1) return args[0] as () => Truth;
  if (args.length === 2) {
    const [a, b] = args as [() => Truth, () => Truth];
    return () => {
      const x = a();
      if (x === dominant) return dominant;
      const y = b();
      if (y === dominant) return dominant;
      return x === UNKNOWN || y === UNKNOWN ? UNKNOWN : other;
    };
  }
  return () => {
    let result: Truth = other;
    for (let k = 0; k < args.length; k++) {
      const x = (args[k] as () => Truth)();
      if (x === dominant) return dominant;
      if (x === UNKNOWN) result = UNKNOWN;
    }
    return result;
  };
}
