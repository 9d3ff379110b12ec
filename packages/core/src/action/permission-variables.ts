import type { PolicyIR } from '../policy/ir';

// Asked on every tool call; the IR of a running guard does not change.
const cache = new WeakMap<PolicyIR, ReadonlySet<string>>();

/**
 * The policy's permission-granting variables: every variable with role `permission` (tokens,
 * approver ids) and every variable a rule lists in `exceptions` (the "unless ..." or "without ..."
 * part that lifts the rule, e.g. `dual_approval`). Saying one of these is present can only make an
 * action *more* allowed, so the guard reads them from trusted context only, never from
 * model-written args (unless a tool mapping opts in with `trustArgs`).
 */
export function permissionVariables(ir: PolicyIR): ReadonlySet<string> {
  const cached = cache.get(ir);
  if (cached !== undefined) return cached;
  const names = new Set<string>();
  for (const variable of ir.variables) {
    if (variable.role === 'permission') names.add(variable.name);
  }
  for (const rule of ir.rules) {
    for (const name of rule.exceptions) names.add(name);
  }
  cache.set(ir, names);
  return names;
}
