import type { Expr } from './ir';

/** Every variable an expression reads, with how it reads it, in order of appearance. */
export function expressionVariables(
  expr: Expr,
): { name: string; use: 'var' | 'cmp' | 'in'; expr: Expr }[] {
  switch (expr.op) {
    case 'var':
    case 'cmp':
    case 'in':
      return [{ name: expr.name, use: expr.op, expr }];
    case 'not':
      return expressionVariables(expr.arg);
    case 'and':
    case 'or':
      return expr.args.flatMap(expressionVariables);
    default:
      return [];
  }
}
