import type { Expr, PolicyIR, Variable } from '../policy/ir';
import { ENUM_OTHER } from '../policy/ir';

/**
 * A variable seen as a finite set of abstract states that no rule can tell apart within one
 * state: bool 0/1; enum value index (the catch-all last); int/real the regions cut by the
 * constants the rules compare it with: (-inf,c0), {c0}, (c0,c1), {c1}, ..., (ck-1,+inf).
 * Searching over the feasible states is an exact search over all values.
 */
export interface VariableDomain {
  index: number;
  variable: Variable;
  /** `variable.type` as a number, read on every decision (one object shape for all types). */
  kind: VariableKind;
  /** Lowest admissible number (int/real; -Infinity without `min`). */
  min: number;
  /** Number of states. */
  size: number;
  /** States that some value of the variable (respecting `min` and integrality) falls in. */
  feasible: number[];
  /** Sorted distinct constants (int/real). */
  constants: number[];
  /** Enum value -> state (values the policy does not name map to `size - 1`). */
  enumStates: Map<string, number>;
}

export const BOOL = 0;
export const ENUM = 1;
export const INT = 2;
export const REAL = 3;
export type VariableKind = typeof BOOL | typeof ENUM | typeof INT | typeof REAL;
const kinds = { bool: BOOL, enum: ENUM, int: INT, real: REAL } as const;

export function buildDomains(ir: PolicyIR): Map<string, VariableDomain> {
  const constants = new Map<string, Set<number>>();
  const collect = (expr: Expr): void => {
    if (expr.op === 'cmp') {
      const set = constants.get(expr.name) ?? new Set<number>();
      set.add(expr.value === 0 ? 0 : expr.value); // -0 and 0 are one constant
      constants.set(expr.name, set);
    } else if (expr.op === 'not') collect(expr.arg);
    else if (expr.op === 'and' || expr.op === 'or') for (const arg of expr.args) collect(arg);
  };
  for (const rule of ir.rules) collect(rule.violation);

  const domains = new Map<string, VariableDomain>();
  ir.variables.forEach((variable, index) => {
    const sorted = [...(constants.get(variable.name) ?? [])].sort((a, b) => a - b);
    const enumStates = new Map<string, number>();
    let size: number;
    let feasible: number[];
    if (variable.type === 'bool') {
      size = 2;
      feasible = [0, 1];
    } else if (variable.type === 'enum') {
      variable.values.forEach((value, state) => {
        if (!enumStates.has(value)) enumStates.set(value, state);
      });
      size = variable.values.length + 1;
      if (!enumStates.has(ENUM_OTHER)) enumStates.set(ENUM_OTHER, size - 1);
      feasible = Array.from({ length: size }, (_, state) => state);
    } else {
      size = 2 * sorted.length + 1;
      feasible = [];
      for (let state = 0; state < size; state++) {
        if (regionFeasible(variable, sorted, state)) feasible.push(state);
      }
    }
    const kind = kinds[variable.type];
    const min = 'min' in variable && variable.min !== undefined ? variable.min : -Infinity;
    domains.set(variable.name, {
      index,
      variable,
      kind,
      min,
      size,
      feasible,
      constants: sorted,
      enumStates,
    });
  });
  return domains;
}

/** The state of a numeric value: scan of the sorted constants (policies have few per variable). */
export function numericState(constants: readonly number[], value: number): number {
  for (let i = 0; i < constants.length; i++) {
    const constant = constants[i] as number;
    if (value < constant) return 2 * i;
    if (value === constant) return 2 * i + 1;
  }
  return 2 * constants.length;
}

/**
 * Truth of `variable in values` for every state of an enum domain. Every value must be one the
 * domain names (or the catch-all): the compilers check that first.
 */
export function membershipTable(domain: VariableDomain, values: readonly string[]): Uint8Array {
  const table = new Uint8Array(domain.size);
  for (const value of values) table[domain.enumStates.get(value) as number] = 1;
  return table;
}

/** Truth of `value <cmp> constant` for every state of a numeric domain. */
export function comparisonTable(constants: readonly number[], cmp: string, value: number) {
  const table = new Uint8Array(2 * constants.length + 1);
  for (let state = 0; state < table.length; state++) {
    if (state % 2 === 1) {
      table[state] = compare(constants[(state - 1) / 2] as number, cmp, value) ? 1 : 0;
    } else {
      // An open region lies wholly below or wholly above `value`, which is one of the cuts.
      const upper = constants[state / 2];
      const below = upper !== undefined && upper <= value;
      table[state] = (below ? cmp === '<' || cmp === '<=' : cmp === '>' || cmp === '>=') ? 1 : 0;
    }
  }
  return table;
}

function compare(left: number, cmp: string, right: number): boolean {
  switch (cmp) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    default:
      return left === right;
  }
}

function regionFeasible(variable: Variable, constants: number[], state: number): boolean {
  const min = 'min' in variable ? variable.min : undefined;
  const integral = variable.type === 'int';
  if (state % 2 === 1) {
    const point = constants[(state - 1) / 2] as number;
    return (!integral || Number.isInteger(point)) && (min === undefined || point >= min);
  }
  const lower = constants[state / 2 - 1];
  const upper = constants[state / 2];
  if (upper === undefined) return true; // (c_last, +inf) always holds values above any min
  if (!integral) return min === undefined || min < upper;
  // Smallest admissible integer above the lower cut; BigInt keeps this exact for huge values.
  let smallest: bigint | undefined =
    lower === undefined ? undefined : BigInt(Math.floor(lower)) + 1n;
  if (min !== undefined && (smallest === undefined || BigInt(Math.ceil(min)) > smallest)) {
    smallest = BigInt(Math.ceil(min));
  }
  return smallest === undefined || smallest < upper;
}
