import type { PolicyIR } from '../policy/ir';
import type { Memory } from './compile-expr';
import { loaderSource } from './loader-source';
import { rulesSource } from './rules-source';
import { numericState, type VariableDomain } from './variable-domain';

/** The evaluator's per-decision work, generated as JavaScript specialised to one policy. */
export interface FastPath {
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
  const loader = loaderSource(domains);
  const rules = rulesSource(ir, domainsByName);
  const bind = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, j) => `const ${prefix}${j} = ${prefix}[${j}];`).join('\n');
  const source = [
    "'use strict';",
    bind('T', rules.tables.length),
    bind('C', loader.constants.length),
    bind('E', loader.enums.length),
    `function load(a) {\n${loader.body}\n}`,
    `function rules() {\n${rules.body}\n}`,
    'return { load, rules };',
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
    rules.tables,
    loader.constants,
    loader.enums,
    numericState,
    invalid,
    unknownNames,
  );
}
