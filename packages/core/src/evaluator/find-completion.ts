import type { Violation } from '../guard/types';
import { type Memory, type Truth, UNKNOWN } from './compile-expr';
import type { VariableDomain } from './variable-domain';

/** A rule compiled against the evaluator's memory. */
export interface CompiledRule {
  violation: Violation;
  /** Kleene truth of "the rule is violated" under the memory. */
  test: () => Truth;
  /** When `test` is UNKNOWN: reports the unknown variables on its undecided paths. */
  unknowns: (report: (index: number) => void) => void;
  /** Indices of the variables the rule reads, in first-use order. */
  vars: number[];
  /** Indices of the bool exception variables (tokens, conditions) that lift the rule. */
  exceptions: number[];
}

/** Search nodes one decision may visit before giving up (then it answers conservatively). */
export interface SearchBudget {
  left: number;
}

const exhausted = Symbol('search budget exhausted');

/**
 * Is there a completion of the unknown variables under which every rule in `rules` has the
 * truth `want`? Depth-first over the feasible states of the unknown variables that an undecided
 * rule reads, pruned by Kleene evaluation: a branch dies as soon as one rule is decided the
 * wrong way. Exact (the states cover every value); undefined when the budget runs out.
 * Leaves the memory as it found it.
 */
export function existsCompletion(
  rules: readonly CompiledRule[],
  want: Truth,
  memory: Memory,
  domains: readonly VariableDomain[],
  budget: SearchBudget,
): boolean | undefined {
  const { state, known } = memory;
  const search = (): boolean => {
    if (--budget.left < 0) throw exhausted;
    let open: CompiledRule | undefined;
    for (const rule of rules) {
      const value = rule.test();
      if (value === UNKNOWN) open ??= rule;
      else if (value !== want) return false;
    }
    if (open === undefined) return true;
    // An undecided rule reads at least one unknown variable: branch on the first.
    const pick = open.vars.find((index) => known[index] === 0) as number;
    const domain = domains[pick] as VariableDomain;
    known[pick] = 1;
    try {
      for (const candidate of domain.feasible) {
        state[pick] = candidate;
        if (search()) return true;
      }
      return false;
    } finally {
      known[pick] = 0;
    }
  };
  try {
    return search();
  } catch (error) {
    if (error === exhausted) return undefined;
    throw error;
  }
}

/** Groups rules that share an unknown variable: independent groups are searched separately. */
export function groupByUnknowns(rules: readonly CompiledRule[], memory: Memory): CompiledRule[][] {
  const parent = rules.map((_, index) => index);
  const find = (index: number): number => {
    while (parent[index] !== index)
      index = parent[index] = parent[parent[index] as number] as number;
    return index;
  };
  const owner = new Map<number, number>();
  rules.forEach((rule, index) => {
    for (const variable of rule.vars) {
      if (memory.known[variable] === 1) continue;
      const first = owner.get(variable);
      if (first === undefined) owner.set(variable, index);
      else parent[find(index)] = find(first);
    }
  });
  const groups = new Map<number, CompiledRule[]>();
  rules.forEach((rule, index) => {
    const root = find(index);
    const group = groups.get(root) ?? [];
    group.push(rule);
    groups.set(root, group);
  });
  return [...groups.values()];
}
