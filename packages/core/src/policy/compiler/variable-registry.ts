import type { Variable } from '../ir';
import { nounKey, verbBase } from '../lexicon';

/**
 * Collects the variables rules create, in order of first use. The same name from two rules is
 * one variable (enum values are merged); the same name with two types is a contradiction,
 * recorded in `conflicts` for the compiler to report.
 */
export class VariableRegistry {
  private readonly variables = new Map<string, { variable: Variable; rule: number }>();
  private readonly activities = new Map<string, string>();
  readonly conflicts: string[] = [];

  /** Adds or merges a variable; returns its name. */
  add(variable: Variable, rule: number): string {
    const existing = this.variables.get(variable.name);
    if (existing === undefined) {
      this.variables.set(variable.name, { variable, rule });
      return variable.name;
    }
    const first = existing.variable;
    if (first.type !== variable.type) {
      this.conflicts.push(
        `"${variable.name}" is ${describe(first)} in rule ${existing.rule} but ${describe(variable)} in rule ${rule}`,
      );
    } else if (first.type === 'enum' && variable.type === 'enum') {
      for (const value of variable.values) {
        if (!first.values.includes(value)) first.values.push(value);
      }
    }
    return variable.name;
  }

  /**
   * The activity variable for a verb and thing. Rules naming the same activity with another
   * number of the noun ("delete invoices", "delete any invoice") share the first one's variable.
   */
  activity(variable: Variable, verb: string, noun: string, rule: number): string {
    const key = `${verbBase(verb)}|${nounKey(noun)}`;
    const known = this.activities.get(key);
    if (known !== undefined) return known;
    this.activities.set(key, variable.name);
    return this.add(variable, rule);
  }

  has(name: string): boolean {
    return this.variables.has(name);
  }

  list(): Variable[] {
    return [...this.variables.values()].map(({ variable }) => variable);
  }
}

function describe(variable: Variable): string {
  const kind = {
    activity: 'an activity',
    qualifier: 'a qualifier',
    attribute: 'an attribute',
    counter: 'a counter',
    amount: 'an amount',
    membership: 'a list membership',
    permission: 'a token',
    condition: 'a condition',
  }[variable.role];
  return `${kind} (${variable.type})`;
}
