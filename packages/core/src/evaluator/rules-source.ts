import type { Expr, PolicyIR } from '../policy/ir';
import { comparisonTable, membershipTable, type VariableDomain } from './variable-domain';

/** Largest state count (including the unknown state) whose truths pack into a small integer (30 bits). */
const PACKED_STATES = 15;

/**
 * Generates the straight-line source of the evaluator's fast path, with the same three-valued
 * semantics as the closures of `compileExpr` (which validate the IR first; this assumes a valid
 * IR). Branch-free: a truth is the set of values it may still take, as two bits (1 "can be
 * true", 2 "can be false"; unknown is 3), so Kleene's connectives are bitwise operations:
 * `and` can be true if every argument can, and false if some argument can; `or` the reverse;
 * `not` swaps the bits. With no branch on the assignment's values, the processor has nothing to
 * mispredict when consecutive decisions differ; the price is evaluating every atom.
 *
 * An atom's truths over the variable's states (plus one "unknown" state, `size`, truth 3) are
 * packed two bits per state into an integer constant, so an atom is a shift and a mask.
 * `fromLocals`: read variable `i`'s state from local `x<i>`, which holds `size` when unknown
 * (the fused load-and-decide function); otherwise from the memory (`s`, `k`).
 */
export function kleeneRulesSource(
  ir: PolicyIR,
  domains: ReadonlyMap<string, VariableDomain>,
  fromLocals: boolean,
  tables: Uint8Array[],
): string {
  let depth = 0;
  const lines: string[] = [];
  const domain = (name: string) => domains.get(name) as VariableDomain;
  /** The encoded truth of an atom whose (0/1) truth in each state is `truth`. */
  const atom = ({ index, size }: VariableDomain, truth: Uint8Array): string => {
    const encoded = Array.from(truth, (value): number => (value === 1 ? 1 : 2)).concat(3);
    const state = fromLocals ? `x${index}` : `s[${index}]`;
    // In the memory an unknown variable keeps a stale state: `(k - 1) & 3` is 3 when unknown.
    const unknown = fromLocals ? '' : ` | ((k[${index}] - 1) & 3)`;
    if (size + 1 <= PACKED_STATES) {
      const packed = encoded.reduce((bits, value, s) => bits + value * 4 ** s, 0);
      return `((${packed} >>> (${state} << 1)) & 3)${unknown}`;
    }
    tables.push(Uint8Array.from(encoded));
    return `T${tables.length - 1}[${state}]${unknown}`;
  };
  /** The truth of `expr` as an expression, using `t<level>` and above as temporaries. */
  const value = (expr: Expr, level: number): string => {
    switch (expr.op) {
      case 'true':
        return '1';
      case 'false':
        return '2';
      case 'var':
        return atom(domain(expr.name), Uint8Array.of(0, 1));
      case 'cmp': {
        const variable = domain(expr.name);
        return atom(variable, comparisonTable(variable.constants, expr.cmp, expr.value));
      }
      case 'in': {
        // compileExpr has checked that every value is named (or the catch-all).
        const variable = domain(expr.name);
        return atom(variable, membershipTable(variable, expr.values));
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
  return `let f = 0, ${temps};\n${lines.join('\n')}`;
}

/** Rules per word of the violation masks that {@link booleanRulesSource} writes. */
export const MASK_BITS = 30;

/**
 * Two-valued rules over locals `x<i>` that all hold a known state: statements that set bit
 * `r % MASK_BITS` of local `m<r / MASK_BITS>` when rule `r` is violated, then copy the masks
 * to `vm`. Connectives are bitwise operations on 0/1 and an atom is a shift and a mask (or a
 * table load), so no branch depends on the assignment. Exactly the Kleene truth when every
 * variable is known.
 */
export function booleanRulesSource(
  ir: PolicyIR,
  domains: ReadonlyMap<string, VariableDomain>,
  tables: Uint8Array[],
): string {
  const domain = (name: string) => domains.get(name) as VariableDomain;
  const atom = ({ index, size }: VariableDomain, truth: Uint8Array): string => {
    if (size <= MASK_BITS) {
      const mask = truth.reduce((bits, value, state) => bits | (value << state), 0);
      return `((${mask} >>> x${index}) & 1)`;
    }
    tables.push(truth);
    return `T${tables.length - 1}[x${index}]`;
  };
  const value = (expr: Expr): string => {
    switch (expr.op) {
      case 'true':
        return '1';
      case 'false':
        return '0';
      case 'var':
        return `x${domain(expr.name).index}`;
      case 'cmp': {
        const variable = domain(expr.name);
        return atom(variable, comparisonTable(variable.constants, expr.cmp, expr.value));
      }
      case 'in': {
        const variable = domain(expr.name);
        return atom(variable, membershipTable(variable, expr.values));
      }
      case 'not':
        return `(${value(expr.arg)} ^ 1)`;
      case 'and':
        return `(${expr.args.map(value).join(' & ')})`;
      case 'or':
        return `(${expr.args.map(value).join(' | ')})`;
    }
  };
  const words = Math.ceil(ir.rules.length / MASK_BITS);
  const masks = Array.from({ length: words }, (_, w) => `m${w} = 0`);
  const lines = ir.rules.map(
    (rule, r) => `m${Math.floor(r / MASK_BITS)} |= ${value(rule.violation)} << ${r % MASK_BITS};`,
  );
  const store = masks.map((_, w) => `vm[${w}] = m${w};`);
  return [`let ${masks.join(', ') || 'm = 0'};`, ...lines, ...store].join('\n');
}
