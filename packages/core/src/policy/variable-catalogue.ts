import { expressionVariables } from './expression-variables';
import type { PolicyIR, VariableRole, VariableType } from './ir';

/** One variable of a compiled policy, as shown to users and apps. */
export interface VariableCatalogueEntry {
  name: string;
  type: VariableType;
  role: VariableRole;
  description: string;
  /** The named values of an enum (the domain also holds the catch-all "(other)"). */
  values?: string[];
  /** Ids of the rules that use the variable (a per-action counter counts for its session total's rules). */
  rules: number[];
}

/** The variable catalogue of a policy: every variable, its type, role, meaning and rules. */
export function variableCatalogue(ir: PolicyIR): VariableCatalogueEntry[] {
  const rulesOf = new Map<string, number[]>();
  const mark = (name: string, id: number) => {
    const ids = rulesOf.get(name) ?? [];
    if (!ids.includes(id)) rulesOf.set(name, [...ids, id]);
  };
  for (const rule of ir.rules) {
    for (const { name } of expressionVariables(rule.violation)) mark(name, rule.id);
    for (const name of rule.exceptions) mark(name, rule.id);
  }
  for (const counter of ir.counters) {
    for (const id of rulesOf.get(counter.sessionVariable) ?? []) mark(counter.actionVariable, id);
  }
  return ir.variables.map((variable) => ({
    name: variable.name,
    type: variable.type,
    role: variable.role,
    description: variable.description,
    ...(variable.type === 'enum' ? { values: [...variable.values] } : {}),
    rules: rulesOf.get(variable.name) ?? [],
  }));
}
