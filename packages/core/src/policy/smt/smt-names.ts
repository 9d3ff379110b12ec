import { PreflightError } from '../../errors';
import { ENUM_OTHER, type PolicyIR, type Variable } from '../ir';

/** SMT-LIB symbols for one policy: variables, enum sorts and constructors, rule functions. */
export interface SmtNames {
  variable(name: string): Variable;
  symbol(name: string): string;
  /** Sort of the variable: Bool, Int, Real or its enum datatype. */
  sort(name: string): string;
  /** Constructor of an enum value; a value the policy does not name maps to the catch-all. */
  constructorOf(name: string, value: string): string;
  /** Constructors of an enum variable in declaration order, the catch-all last. */
  constructors(name: string): { symbol: string; value: string }[];
}

/**
 * Words a variable cannot be declared as in Z3: SMT-LIB reserved words, core-theory symbols,
 * and our own rule function names. Such variables get a `$v` suffix (variable names never hold
 * `$`, so the escaped symbol cannot clash with another variable).
 */
const reserved = new Set([
  'as',
  'let',
  'forall',
  'exists',
  'match',
  'par',
  'lambda',
  'true',
  'false',
  'not',
  'and',
  'or',
  'xor',
  'distinct',
  'ite',
  'implies',
]);

export function createSmtNames(ir: PolicyIR): SmtNames {
  const variables = new Map<string, Variable>();
  const enumConstructors = new Map<string, { symbol: string; value: string }[]>();
  for (const variable of ir.variables) {
    if (variables.has(variable.name)) {
      throw new PreflightError({
        code: 'POLICY_IR_INVALID',
        message: `Variable "${variable.name}" is declared twice.`,
        details: { variable: variable.name },
      });
    }
    variables.set(variable.name, variable);
    if (variable.type === 'enum') enumConstructors.set(variable.name, enumSymbols(variable));
  }

  const variable = (name: string): Variable => {
    const found = variables.get(name);
    if (!found) {
      throw new PreflightError({
        code: 'POLICY_IR_INVALID',
        message: `A rule uses variable "${name}", which the policy does not declare.`,
        details: { variable: name },
      });
    }
    return found;
  };
  const constructors = (name: string) => enumConstructors.get(name) ?? [];

  return {
    variable,
    constructors,
    symbol: (name) => (reserved.has(name) || /^violates_rule_/.test(name) ? `${name}$v` : name),
    sort(name) {
      const found = variable(name);
      if (found.type === 'enum') return `Enum_${name}`;
      return { bool: 'Bool', int: 'Int', real: 'Real' }[found.type];
    },
    constructorOf(name, value) {
      const list = constructors(name);
      const match = list.find((entry) => entry.value === value) ?? list[list.length - 1];
      if (!match) throw new Error(`constructorOf: "${name}" is not an enum`);
      return match.symbol;
    },
  };
}

/** `<var>.<value>` with the value reduced to [A-Za-z0-9_]; the catch-all is `<var>.other`. */
function enumSymbols(variable: Variable & { type: 'enum' }): { symbol: string; value: string }[] {
  const used = new Set(['other']);
  const named = variable.values.map((value, index) => {
    let base = value.replace(/[^A-Za-z0-9_]+/g, '_');
    if (base === '' || used.has(base)) base = `${base}_${index}`;
    while (used.has(base)) base = `${base}_`;
    used.add(base);
    return { symbol: `${variable.name}.${base}`, value };
  });
  return [...named, { symbol: `${variable.name}.other`, value: ENUM_OTHER }];
}
