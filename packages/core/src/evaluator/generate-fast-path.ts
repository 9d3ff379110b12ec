import type { Expr, PolicyIR } from '../policy/ir';
import type { Memory } from './compile-expr';
import { loaderSource } from './loader-source';
import { booleanRulesSource, kleeneRulesSource } from './rules-source';
import { numericState, type VariableDomain } from './variable-domain';

/** The evaluator's per-decision work, generated as JavaScript specialised to one policy. */
export interface FastPath {
  /**
   * Reads an assignment (throwing like `loadAssignment`) and evaluates every rule on it, in one
   * function that keeps the states in registers: writes `status` and returns what `rules` would,
   * but leaves the memory alone. When a rule is undecided (bit `1 << UNKNOWN`), call `load` to
   * fill the memory for the exact search.
   */
  loadAndTest: (assignment: object) => number;
  /** Loads an assignment into the memory (throws like `loadAssignment`). */
  load: (assignment: object) => void;
  /** Writes every rule's Kleene truth to `status`; returns `1 << truth` or-ed over the rules. */
  rules: () => number;
}

/** What the generated code calls back into: the error paths, kept out of the generated text. */
export interface FastPathHooks {
  /** Throws EVALUATION_VALUE_INVALID for the variable at `index`. */
  invalid: (index: number, value: unknown) => never;
  /** Throws EVALUATION_VARIABLE_UNKNOWN if `assignment` names a variable the policy lacks. */
  unknownNames: (assignment: object) => void;
}

/**
 * Generates the fast path with `new Function`, or returns undefined where the runtime forbids
 * code generation from strings (a Content-Security-Policy without 'unsafe-eval', some edge
 * runtimes): the caller then uses the closures, which decide identically.
 */
export function generateFastPath(
  ir: PolicyIR,
  domainsByName: ReadonlyMap<string, VariableDomain>,
  domains: readonly VariableDomain[],
  { state, known }: Memory,
  status: Uint8Array,
  { invalid, unknownNames }: FastPathHooks,
): FastPath | undefined {
  const used = new Set<number>();
  const collect = (expr: Expr): void => {
    if (expr.op === 'not') collect(expr.arg);
    else if (expr.op === 'and' || expr.op === 'or') expr.args.forEach(collect);
    else if (expr.op !== 'true' && expr.op !== 'false') {
      used.add((domainsByName.get(expr.name) as VariableDomain).index);
    }
  };
  for (const rule of ir.rules) collect(rule.violation);
  const tables: Uint8Array[] = [];
  const fused = loaderSource(domains, { toMemory: false, used });
  const loader = loaderSource(domains, { toMemory: true, used });
  const bind = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, j) => `const ${prefix}${j} = ${prefix}[${j}];`).join('\n');
  const functions = [
    // Every variable a rule reads is known (the common case): two-valued logic decides.
    `function loadAndTest(a) {\n${fused.body}\nif (open === 0) {`,
    `${booleanRulesSource(ir, domainsByName, tables)}\nreturn f << 1;\n}`,
    `${kleeneRulesSource(ir, domainsByName, true, tables)}\nreturn f;\n}`,
    `function load(a) {\n${loader.body}\n}`,
    `function rules() {\n${kleeneRulesSource(ir, domainsByName, false, tables)}\nreturn f;\n}`,
  ];
  // Both loaders bind the same constants in the same order.
  const source = [
    "'use strict';",
    bind('T', tables.length),
    bind('C', loader.constants.length),
    bind('E', loader.enums.length),
    ...functions,
    'return { loadAndTest, load, rules };',
  ].join('\n');
  let factory: (...args: unknown[]) => FastPath;
  try {
    factory = new Function('s', 'k', 'st', 'T', 'C', 'E', 'N', 'bad', 'extra', source) as never;
  } catch {
    return undefined;
  }
  return factory(
    state,
    known,
    status,
    tables,
    loader.constants,
    loader.enums,
    numericState,
    invalid,
    unknownNames,
  );
}
