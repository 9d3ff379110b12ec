import type { Assignment, Expr, PolicyIR, Value, Variable } from '@preflight/core';
import { ENUM_OTHER } from '@preflight/core';
import { createRandom, type Random } from './seeded-random';

/** Options for {@link generateDecisionInputs}. */
export type DecisionInputsOptions = {
  /** How many inputs; half allowed, half denied. Default 64. */
  count?: number;
  /** PRNG seed. Default 7. */
  seed?: number;
  /** Decides whether a fully assigned input is allowed; used only to balance the mix. */
  isAllowed: (assignment: Assignment) => boolean;
};

/**
 * Fully assigned decision inputs for `ir`, the same for every engine: half allowed, half denied,
 * interleaved. Numbers sit near the thresholds the rules compare with (just below, at, just
 * above), session counters are at least their per-action counters, and enums take every named
 * value and the catch-all.
 */
export function generateDecisionInputs(
  ir: PolicyIR,
  { count = 64, seed = 7, isAllowed }: DecisionInputsOptions,
): Assignment[] {
  const random = createRandom(seed);
  const thresholds = collectThresholds(ir);
  const allowed: Assignment[] = [];
  const denied: Assignment[] = [];
  const half = Math.ceil(count / 2);
  for (let attempt = 0; allowed.length < half || denied.length < half; attempt++) {
    if (attempt > 200_000) throw new Error('could not balance allowed and denied inputs');
    // Half the candidates are drawn "permissively" (tokens present, activities rare) so that
    // allowed inputs exist even for a 50-rule policy.
    const permissive = random.chance(0.5);
    const assignment = drawAssignment(ir, thresholds, random, permissive);
    const bucket = isAllowed(assignment) ? allowed : denied;
    if (bucket.length < half) bucket.push(assignment);
  }
  return allowed.flatMap((a, i) => [a, denied[i]!]).slice(0, count);
}

function drawAssignment(
  ir: PolicyIR,
  thresholds: Map<string, number[]>,
  random: Random,
  permissive: boolean,
): Record<string, Value> {
  const assignment: Record<string, Value> = {};
  for (const variable of ir.variables) {
    assignment[variable.name] = drawValue(variable, thresholds.get(variable.name), random, {
      permissive,
    });
  }
  for (const counter of ir.counters) {
    const session = assignment[counter.sessionVariable];
    if (typeof session === 'number') assignment[counter.actionVariable] = random.int(0, session);
  }
  return assignment;
}

const grantingRoles = new Set<Variable['role']>(['permission', 'condition', 'membership']);

function drawValue(
  variable: Variable,
  thresholds: number[] | undefined,
  random: Random,
  { permissive }: { permissive: boolean },
): Value {
  switch (variable.type) {
    case 'bool': {
      const granting = grantingRoles.has(variable.role);
      const p = granting ? (permissive ? 0.97 : 0.6) : permissive ? 0.1 : 0.4;
      return random.chance(p);
    }
    case 'enum':
      return random.pick([...variable.values, ENUM_OTHER]);
    case 'int':
    case 'real': {
      const min = variable.min ?? 0;
      const limit = thresholds && thresholds.length > 0 ? random.pick(thresholds) : 10;
      const step = variable.type === 'int' ? 1 : 0.5;
      const near = [limit - step, limit, limit + step];
      const value = random.chance(0.6)
        ? random.pick(near)
        : random.int(0, Math.max(1, Math.ceil(limit * 2)));
      return Math.max(min, value);
    }
  }
}

/** Constants each numeric variable is compared with, across all rules. */
function collectThresholds(ir: PolicyIR): Map<string, number[]> {
  const found = new Map<string, number[]>();
  const visit = (expr: Expr): void => {
    if (expr.op === 'cmp') found.set(expr.name, [...(found.get(expr.name) ?? []), expr.value]);
    else if (expr.op === 'not') visit(expr.arg);
    else if (expr.op === 'and' || expr.op === 'or') expr.args.forEach(visit);
  };
  for (const rule of ir.rules) visit(rule.violation);
  return found;
}
