import type { Expr, PolicyIR } from '../policy/ir';
import type { Memory } from './compile-expr';
import { loaderSource } from './loader-source';
import { booleanRulesSource, kleeneRulesSource } from './rules-source';
import { numericState, type VariableDomain } from './variable-domain';

/** The evaluator's per-decision work, generated as JavaScript specialised to one policy. */
export interface FastPath {
  /**
   * Reads an assignment (throwing like `loadAssignment`) and evaluates every rule on it, in one
   * function that keeps the states in registers and leaves the memory alone. Returns
   * {@link DECIDED} or, when some variable a rule reads is absent, what `rules` returns (and
   * writes `status`); if then a rule is undecided (bit `1 << UNKNOWN`), call `load` to fill the
   * memory for the exact search.
   */
  loadAndTest: (assignment: object) => number;
  /** Loads an assignment into the memory (throws like `loadAssignment`). */
  load: (assignment: object) => void;
  /** Writes every rule's Kleene truth to `status`; returns `1 << truth` or-ed over the rules. */
  rules: () => number;
}

/**
 * What `loadAndTest` returns when every variable a rule reads is known: the rules are decided
 * and the violated ones are the bits set in `violationMasks` (rule r: bit r % MASK_BITS of word
 * r / MASK_BITS); `status` is not written. Otherwise it returns `1 << truth` or-ed over the
 * rules, as `rules` does (at most 7).
 */
export const DECIDED = 8;

/** What the generated code reads, writes and calls back into (the error paths). */
export interface FastPathTarget {
  memory: Memory;
  /** Kleene truth per rule (0 false, 1 true, 2 unknown). */
  status: Uint8Array;
  /** Violated rules as bits when {@link DECIDED}: `ceil(rules / MASK_BITS)` words. */
  violationMasks: Int32Array;
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
  { memory: { state, known }, status, violationMasks, invalid, unknownNames }: FastPathTarget,
): FastPath | undefined {
  const domains = [...domainsByName.values()];
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
    `${booleanRulesSource(ir, domainsByName, tables)}\nreturn ${DECIDED};\n}`,
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
    factory = new Function(
      's',
      'k',
      'st',
      'vm',
      'T',
      'C',
      'E',
      'N',
      'bad',
      'extra',
      source,
    ) as never;
  } catch {
    return undefined;
  }
  return factory(
    state,
    known,
    status,
    violationMasks,
    tables,
    loader.constants,
    loader.enums,
    numericState,
    invalid,
    unknownNames,
  );
}
