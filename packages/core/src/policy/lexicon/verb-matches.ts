import { verbBase } from './verb-base';
import { genericVerbs, verbGroups } from './verb-groups';

const generic: ReadonlySet<string> = new Set(genericVerbs);

/** For each base verb, the indexes of the synonym groups it belongs to. */
const groupsOf: ReadonlyMap<string, readonly number[]> = (() => {
  const map = new Map<string, number[]>();
  verbGroups.forEach((group, index) => {
    for (const verb of group) map.set(verb, [...(map.get(verb) ?? []), index]);
  });
  return map;
})();

/** Unknown verbs are compared without a final "e", since inflection may have dropped it. */
function stemKey(base: string): string {
  return base.endsWith('e') ? base.slice(0, -1) : base;
}

/** True when the verb (any inflection) is generic: a rule with it covers any action on its thing. */
export function isGenericVerb(verb: string): boolean {
  return generic.has(verbBase(verb));
}

/**
 * Whether an action's verb performs a rule's verb: the same base form (any inflection), or both
 * in one synonym group (`email` performs `transfer`; `deleted` performs `modify`). A generic rule
 * verb (`access`) matches every action verb.
 *
 * @example verbMatches('Emailed', 'transfer') // true
 */
export function verbMatches(actionVerb: string, ruleVerb: string): boolean {
  const action = verbBase(actionVerb);
  const rule = verbBase(ruleVerb);
  if (action === '' || rule === '') return false;
  if (generic.has(rule)) return true;
  if (action === rule || stemKey(action) === stemKey(rule)) return true;
  const actionGroups = groupsOf.get(action) ?? [];
  const ruleGroups = groupsOf.get(rule) ?? [];
  return actionGroups.some((group) => ruleGroups.includes(group));
}
