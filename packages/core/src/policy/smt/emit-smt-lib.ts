import { PreflightError } from '../../errors';
import { ENUM_OTHER, type Expr, type PolicyIR, type Variable } from '../ir';
import { createSmtNames, type SmtNames } from './smt-names';
import { smtNumeral } from './smt-numeral';

/**
 * The policy as SMT-LIB 2.6 that Z3 parses: a variable catalogue (`; var name (Type): ...`
 * comments, as ICME's compiled policies have), declarations with their `min` bounds, enum
 * datatypes with a catch-all constructor, and one `violates_rule_<id>` function per rule.
 * It asserts nothing about the rules: {@link smtQuery} adds an assignment and a query.
 *
 * @example
 * ```ts
 * const smt = emitSmtLib(ir); // (define-fun violates_rule_1 () Bool (and ...)) ...
 * ```
 */
export function emitSmtLib(ir: PolicyIR): string {
  const names = createSmtNames(ir);
  const lines = [
    '; PreFlight policy (IR v1) as SMT-LIB 2.6.',
    '; A rule is violated exactly when its violates_rule_<id> function is true.',
    '; No set-logic: Z3 picks datatypes + linear integer/real arithmetic itself, and scripts',
    '; can then be checked one after another inside (push)/(pop) in a single context.',
    '',
    '; Variables',
  ];
  for (const variable of ir.variables) lines.push(...declare(variable, names));
  lines.push('', '; Rules');
  const seen = new Set<number>();
  for (const rule of ir.rules) {
    if (seen.has(rule.id)) {
      throw new PreflightError({
        code: 'POLICY_IR_INVALID',
        message: `Rule ${rule.id} appears twice.`,
        details: { rule: rule.id },
      });
    }
    seen.add(rule.id);
    lines.push(`; rule ${rule.id}: ${oneLine(rule.text)}`);
    lines.push(`(define-fun violates_rule_${rule.id} () Bool ${smtExpr(rule.violation, names)})`);
  }
  return `${lines.join('\n')}\n`;
}

function declare(variable: Variable, names: SmtNames): string[] {
  const symbol = names.symbol(variable.name);
  const sort = names.sort(variable.name);
  const bound = 'min' in variable && variable.min !== undefined ? variable.min : undefined;
  const kind = bound === undefined ? sort : `${sort}, min ${bound}`;
  const lines = [`; var ${variable.name} (${kind}): ${oneLine(variable.description)}`];
  if (variable.type === 'enum') {
    const constructors = names.constructors(variable.name);
    for (const { symbol: constructorSymbol, value } of constructors) {
      const label = value === ENUM_OTHER ? 'any other value' : JSON.stringify(value);
      lines.push(`;   ${constructorSymbol} = ${oneLine(label)}`);
    }
    const list = constructors.map((entry) => `(${entry.symbol})`).join(' ');
    lines.push(`(declare-datatype ${sort} (${list}))`);
  }
  lines.push(`(declare-const ${symbol} ${sort})`);
  if (bound !== undefined) {
    lines.push(`(assert (>= ${symbol} ${smtNumeral(bound, sort === 'Int' ? 'Int' : 'Real')}))`);
  }
  return lines;
}

/** The SMT-LIB term of an IR expression; throws POLICY_IR_INVALID on ill-typed references. */
export function smtExpr(expr: Expr, names: SmtNames): string {
  switch (expr.op) {
    case 'true':
    case 'false':
      return expr.op;
    case 'var':
      expectType(expr.name, names, ['bool'], 'var');
      return names.symbol(expr.name);
    case 'not':
      return `(not ${smtExpr(expr.arg, names)})`;
    case 'and':
    case 'or':
      return nary(
        expr.op,
        expr.args.map((arg) => smtExpr(arg, names)),
      );
    case 'cmp': {
      const variable = expectType(expr.name, names, ['int', 'real'], 'cmp');
      const symbol = names.symbol(expr.name);
      const integral = variable.type === 'int' && Number.isInteger(expr.value);
      const left = variable.type === 'int' && !integral ? `(to_real ${symbol})` : symbol;
      return `(${expr.cmp} ${left} ${smtNumeral(expr.value, integral ? 'Int' : 'Real')})`;
    }
    case 'in': {
      const variable = expectType(expr.name, names, ['enum'], 'in');
      const symbol = names.symbol(expr.name);
      const terms = [...new Set(expr.values)].map((value) => {
        if (
          value !== ENUM_OTHER &&
          !(variable.type === 'enum' && variable.values.includes(value))
        ) {
          throw new PreflightError({
            code: 'POLICY_IR_INVALID',
            message: `Enum variable "${expr.name}" has no value "${value}".`,
            details: { variable: expr.name, value },
          });
        }
        return `(= ${symbol} ${names.constructorOf(expr.name, value)})`;
      });
      return nary('or', terms);
    }
  }
}

function nary(op: 'and' | 'or', terms: string[]): string {
  return terms.length === 1 ? (terms[0] as string) : `(${op} ${terms.join(' ')})`;
}

function expectType(
  name: string,
  names: SmtNames,
  types: Variable['type'][],
  op: string,
): Variable {
  const variable = names.variable(name);
  if (!types.includes(variable.type)) {
    throw new PreflightError({
      code: 'POLICY_IR_INVALID',
      message: `"${op}" cannot use ${variable.type} variable "${name}" (needs ${types.join(' or ')}).`,
      details: { variable: name, op },
    });
  }
  return variable;
}

/** Comments end at a line break, so rule text and descriptions are folded onto one line. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
