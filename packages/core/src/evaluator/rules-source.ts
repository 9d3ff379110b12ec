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
  /** Truth tables over a variable's states (1 true, 2 false), bound to `T0`, `T1`... */
  tables: Uint8Array[];
}

/**
 * Generates the straight-line source of the evaluator's fast path, with the same three-valued
 * semantics as the closures of `compileExpr` (which validate the IR first; this assumes a valid
 * IR). Branch-free: a truth is the set of values it may still take, as two bits (1 "can be
 * true", 2 "can be false"; unknown is 3), so Kleene's connectives are bitwise operations:
 * `and` can be true if every argument can, and false if some argument can; `or` the reverse;
 * `not` swaps the bits. With no branch on the assignment's values, the processor has nothing to
 * mispredict when consecutive decisions differ; the price is evaluating every atom (two loads).
 */
export function rulesSource(
  ir: PolicyIR,
  domains: ReadonlyMap<string, VariableDomain>,
): RulesSource {
  const tables: Uint8Array[] = [];
  let depth = 0;
  const lines: string[] = [];
  const domain = (name: string) => domains.get(name) as VariableDomain;
  // `(k[i] - 1) & 3` is 0 for a known variable and 3 (both values possible) for an unknown one,
  // whose stale state then does not matter.
  const unknownMask = (index: number) => `((k[${index}] - 1) & 3)`;
  const atom = (index: number, truth: Uint8Array) => {
    tables.push(truth.map((value) => (value === 1 ? 1 : 2)));
    return `T${tables.length - 1}[s[${index}]] | ${unknownMask(index)}`;
  };
  /** The truth of `expr` as an expression, using `t<level>` and above as temporaries. */
  const value = (expr: Expr, level: number): string => {
    switch (expr.op) {
      case 'true':
        return '1';
      case 'false':
        return '2';
      case 'var': {
        const index = domain(expr.name).index;
        return `(2 - s[${index}]) | ${unknownMask(index)}`;
      }
      case 'cmp': {
        const { index, constants } = domain(expr.name);
        return atom(index, comparisonTable(constants, expr.cmp, expr.value));
      }
      case 'in': {
        const { index, size, enumStates } = domain(expr.name);
        const table = new Uint8Array(size);
        // compileExpr has checked that every value is named (or the catch-all).
        for (const named of expr.values) table[enumStates.get(named) as number] = 1;
        return atom(index, table);
      }
      case 'not': {
        const t = temp(expr.arg, level);
        return `((${t} & 1) << 1) | (${t} >> 1)`;
      }
      case 'and':
      case 'or': {
        // and: true bit = AND of the true bits, false bit = OR of the false bits; or: reverse.
        const [trueOp, falseOp] = expr.op === 'and' ? ['&', '|'] : ['|', '&'];
        const t = `t${level}`;
        depth = Math.max(depth, level);
        lines.push(`${t} = ${value(expr.args[0] as Expr, level + 1)};`);
        for (const arg of expr.args.slice(1)) {
          const u = temp(arg, level + 1);
          lines.push(`${t} = ((${t} ${trueOp} ${u}) & 1) | ((${t} ${falseOp} ${u}) & 2);`);
        }
        return t;
      }
    }
  };
  /** Stores the truth of `expr` in `t<level>` (so that it can be read twice) and names it. */
  const temp = (expr: Expr, level: number): string => {
    const t = `t${level}`;
    depth = Math.max(depth, level);
    const computed = value(expr, level + 1);
    if (computed !== t) lines.push(`${t} = ${computed};`);
    return t;
  };
  ir.rules.forEach((rule, r) => {
    const t = temp(rule.violation, 0);
    // Back to 0 false, 1 true, 2 unknown: 2 -> 0, 1 -> 1, 3 -> 2.
    lines.push(`${t} = (${t} & 1) << (${t} >> 1); st[${r}] = ${t}; f |= 1 << ${t};`);
  });
  const temps = Array.from({ length: depth + 1 }, (_, level) => `t${level} = 0`).join(', ');
  return { body: `let f = 0, ${temps};\n${lines.join('\n')}\nreturn f;`, tables };
}
