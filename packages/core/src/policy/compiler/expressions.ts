import { canonicalJson } from '../../crypto';
import type { Expr } from '../ir';

export const variable = (name: string): Expr => ({ op: 'var', name });
export const not = (arg: Expr): Expr => ({ op: 'not', arg });

/** `and` of the parts; a single part stands alone, none is `true`. */
export function conjunction(parts: readonly Expr[]): Expr {
  if (parts.length === 0) return { op: 'true' };
  if (parts.length === 1) return parts[0]!;
  return { op: 'and', args: [...parts] };
}

/** `or` of the parts; a single part stands alone, none is `false`. */
export function disjunction(parts: readonly Expr[]): Expr {
  if (parts.length === 0) return { op: 'false' };
  if (parts.length === 1) return parts[0]!;
  return { op: 'or', args: [...parts] };
}

/** The conjuncts of an expression (itself when it is not an `and`). */
export function conjuncts(expr: Expr): Expr[] {
  return expr.op === 'and' ? expr.args : [expr];
}

/** The expression without the conjunct `not(var name)`: a rule's condition without its exception. */
export function withoutException(expr: Expr, name: string): Expr {
  return conjunction(
    conjuncts(expr).filter(
      (part) => !(part.op === 'not' && part.arg.op === 'var' && part.arg.name === name),
    ),
  );
}

/** A canonical string of an expression: `and`/`or` arguments and `in` values sorted. */
export function exprKey(expr: Expr): string {
  return canonicalJson(normalize(expr));
}

function normalize(expr: Expr): unknown {
  switch (expr.op) {
    case 'and':
    case 'or': {
      const args = expr.args.map((arg) => canonicalJson(normalize(arg)));
      return { op: expr.op, args: [...new Set(args)].sort() };
    }
    case 'not':
      return { op: 'not', arg: normalize(expr.arg) };
    case 'in':
      return { ...expr, values: [...new Set(expr.values)].sort() };
    default:
      return expr;
  }
}
