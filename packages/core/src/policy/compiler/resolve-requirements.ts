import type { Expr } from '../ir';
import { conjunction, disjunction, exprKey, not, variable, withoutException } from './expressions';
import type { RuleParseFailure } from './rule-ast';

/** A rule on its way into the IR; requirements get their violation here. */
export interface DraftRule {
  id: number;
  violation: Expr;
  exceptions: string[];
  /** For "Every action that requires <token> must also include <also>". */
  requirement?: { token: string; also: string; column: number };
}

/**
 * Gives each requires-also rule its violation: (some rule that requires the token applies,
 * without its own exception) and the second token is missing. Rules that require the token
 * include other requires-also rules, followed transitively; a cycle contributes each rule once.
 * Returns a failure per requirement whose token no rule requires.
 */
export function resolveRequirements(
  rules: DraftRule[],
): { rule: number; failure: RuleParseFailure }[] {
  const failures: { rule: number; failure: RuleParseFailure }[] = [];

  // The conditions under which an action requires `token`: the condition (violation without the
  // token) of every ordinary rule excepted by it, and, through each requirement whose second
  // token it is, the conditions requiring that requirement's own token. `seen` stops cycles.
  const conditionsFor = (token: string, seen: ReadonlySet<string>): Expr[] => {
    const conditions: Expr[] = [];
    for (const rule of rules) {
      if (!rule.exceptions.includes(token)) continue;
      if (rule.requirement === undefined) {
        conditions.push(withoutException(rule.violation, token));
      } else if (!seen.has(rule.requirement.token)) {
        const next = new Set([...seen, token]);
        conditions.push(...conditionsFor(rule.requirement.token, next));
      }
    }
    const unique = new Map(conditions.map((condition) => [exprKey(condition), condition]));
    return [...unique.values()];
  };

  const required = new Set(rules.flatMap((rule) => rule.exceptions));
  for (const rule of rules) {
    if (rule.requirement === undefined) continue;
    const { token, also, column } = rule.requirement;
    const others = rules.filter(
      (other) => other.id !== rule.id && other.exceptions.includes(token),
    );
    if (others.length === 0 || token === also) {
      const known = [...required].filter((name) => name !== also);
      failures.push({
        rule: rule.id,
        failure: {
          column,
          expected: [
            token === also
              ? 'a token different from the one that must also be included'
              : `a token that another rule requires (${known.length > 0 ? known.join(', ') : 'no rule requires a token'})`,
          ],
          found: `"${token}"`,
          context: 'after "Every action that requires"',
        },
      });
      continue;
    }
    const conditions = conditionsFor(token, new Set());
    rule.violation = conjunction([disjunction(conditions), not(variable(also))]);
  }
  return failures;
}
