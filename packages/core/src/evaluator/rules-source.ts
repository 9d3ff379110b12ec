import type { Expr, PolicyIR } from '../policy/ir';
import { comparisonTable, type VariableDomain } from './variable-domain';

/** JavaScript source evaluating every rule at once, and the constants it closes over. */
export interface RulesSource {
  /**
   * Body of `function rules()`: writes each rule's Kleene truth (0 false, 1 true, 2 unknown)
   * to `st[r]` and returns `1 << truth` or-ed over the rules (1: some rule satisfied, 2: some
   * violated, 4: some undecided). Reads `s` (state) and `k` (known) and the tables `T0`, `T1`...
   */
  body: string;
  /** Truth tables over a variable's states, bound to `T0`, `T1`... by the caller. */
  tables: Uint8Array[];
}

/**
 * Generates the straight-line source of the evaluator's fast path: the same three-valued
 * semantics as the closures of `compileExpr` (which validate the IR first; this assumes a valid
 * IR) without a function call per node. Short-circuits like the closures: an `and` stops at the
 * first false argument, an `or` at the first true one.
 */
export function rulesSource(
  ir: PolicyIR,
  domains: ReadonlyMap<string, VariableDomain>,
): RulesSource {
  const tables: Uint8Array[] = [];
  let labels = 0;
  let depth = 0;
  const lines: string[] = [];
  const domain = (name: string) => domains.get(name) as VariableDomain;
  const atom = (out: string, index: number, table: Uint8Array) => {
    tables.push(table);
    lines.push(`${out} = k[${index}] === 0 ? 2 : T${tables.length - 1}[s[${index}]];`);
  };
  /** Appends statements that set `t<level>` to the Kleene truth of `expr`. */
  const emit = (expr: Expr, level: number): void => {
    const out = `t${level}`;
    depth = Math.max(depth, level);
    switch (expr.op) {
      case 'true':
        lines.push(`${out} = 1;`);
        return;
      case 'false':
        lines.push(`${out} = 0;`);
        return;
      case 'var': {
        const index = domain(expr.name).index;
        lines.push(`${out} = k[${index}] === 0 ? 2 : s[${index}];`);
        return;
      }
      case 'cmp': {
        const { index, constants } = domain(expr.name);
        atom(out, index, comparisonTable(constants, expr.cmp, expr.value));
        return;
      }
      case 'in': {
        const { index, size, enumStates } = domain(expr.name);
        const table = new Uint8Array(size);
        // compileExpr has checked that every value is named (or the catch-all).
        for (const value of expr.values) table[enumStates.get(value) as number] = 1;
        atom(out, index, table);
        return;
      }
      case 'not':
        emit(expr.arg, level);
        lines.push(`if (${out} !== 2) ${out} = 1 - ${out};`);
        return;
      case 'and':
      case 'or': {
        const dominant = expr.op === 'and' ? 0 : 1;
        const label = `L${labels++}`;
        const arg = `t${level + 1}`;
        lines.push(`${label}: { ${out} = ${1 - dominant};`);
        for (const child of expr.args) {
          emit(child, level + 1);
          lines.push(
            `if (${arg} === ${dominant}) { ${out} = ${dominant}; break ${label}; }`,
            `if (${arg} === 2) ${out} = 2;`,
          );
        }
        lines.push('}');
        return;
      }
    }
  };
  ir.rules.forEach((rule, r) => {
    emit(rule.violation, 0);
    lines.push(`st[${r}] = t0; f |= 1 << t0;`);
  });
  const temps = Array.from({ length: depth + 1 }, (_, level) => `t${level} = 0`).join(', ');
  return { body: `let f = 0, ${temps};\n${lines.join('\n')}\nreturn f;`, tables };
}
