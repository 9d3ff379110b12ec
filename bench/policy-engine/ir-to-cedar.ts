import type { Comparison, Expr, Variable } from '@preflight/core';

/**
 * Renders a policy IR expression as a Cedar condition over `context` attributes, one attribute
 * per policy variable: bools as Boolean, ints as Long, enums as String, reals as `decimal`.
 * Used to write the generated benchmark policy in Cedar; the ISO policy's Cedar is hand-written.
 */
export function exprToCedar(expr: Expr, variables: ReadonlyMap<string, Variable>): string {
  switch (expr.op) {
    case 'true':
      return 'true';
    case 'false':
      return 'false';
    case 'var':
      return `context.${expr.name}`;
    case 'not':
      return `!(${exprToCedar(expr.arg, variables)})`;
    case 'and':
      return expr.args.map((arg) => `(${exprToCedar(arg, variables)})`).join(' && ');
    case 'or':
      return expr.args.map((arg) => `(${exprToCedar(arg, variables)})`).join(' || ');
    case 'in':
      return expr.values
        .map((value) => `context.${expr.name} == ${JSON.stringify(value)}`)
        .join(' || ');
    case 'cmp':
      return compareToCedar(expr.name, expr.cmp, expr.value, variables.get(expr.name));
  }
}

const decimalMethods: Record<Comparison, string> = {
  '>': 'greaterThan',
  '>=': 'greaterThanOrEqual',
  '<': 'lessThan',
  '<=': 'lessThanOrEqual',
  '=': '==',
};

function compareToCedar(
  name: string,
  cmp: Comparison,
  value: number,
  variable: Variable | undefined,
): string {
  if (variable?.type === 'real') {
    const literal = `decimal(${JSON.stringify(toDecimalLiteral(value))})`;
    return cmp === '='
      ? `context.${name} == ${literal}`
      : `context.${name}.${decimalMethods[cmp]}(${literal})`;
  }
  if (variable?.type !== 'int') throw new Error(`cmp on ${name}, which is not an int or real`);
  if (!Number.isInteger(value)) throw new Error(`int ${name} compared with ${value}`);
  return `context.${name} ${cmp === '=' ? '==' : cmp} ${value}`;
}

/** Cedar decimals carry one to four fractional digits. */
export function toDecimalLiteral(value: number): string {
  const fixed = value.toFixed(4).replace(/0+$/, '');
  return fixed.endsWith('.') ? `${fixed}0` : fixed;
}
