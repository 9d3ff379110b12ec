import type { Counter, Expr, PolicyList, RuleShape } from '../ir';
import { isGenericVerb, pluralizeNoun, verbBase } from '../lexicon';
import { conjunction, not, variable } from './expressions';
import type { ParsedProhibition, Phrase } from './rule-ast';
import { phraseText, singularWords, variableName } from './variable-name';
import type { VariableRegistry } from './variable-registry';

/** What one prohibition contributes to the IR besides its variables. */
export interface BuiltRule {
  shape: RuleShape;
  violation: Expr;
  exceptions: string[];
  lists: PolicyList[];
  counters: Counter[];
}

/**
 * Turns a parsed prohibition into its violation expression, registering the variables it uses.
 * The violation is the conjunction of: the activity (unless the verb is generic), qualifiers,
 * attribute values, list non-membership, the amount and count comparisons, and the missing
 * exception.
 */
export function buildProhibition(
  rule: ParsedProhibition,
  id: number,
  registry: VariableRegistry,
): BuiltRule {
  const parts: Expr[] = [];
  const lists: PolicyList[] = [];
  const counters: Counter[] = [];
  const thing = phraseText(rule.thing.words);
  const thingSingular = phraseText(singularWords(rule.thing.words));
  const verb = rule.verb;
  const narrowed =
    rule.count !== undefined ||
    rule.amount !== undefined ||
    rule.qualifiers.length > 0 ||
    rule.attributes.length > 0 ||
    rule.lists.length > 0;

  // A generic verb ("access") covers any action on the thing, so it adds no activity variable;
  // with nothing else to narrow the rule, the thing itself must be involved (verb matches all).
  if (!isGenericVerb(verb) || !narrowed) {
    const name = variableName([verb, ...rule.thing.words]);
    const activity = registry.activity(
      {
        name,
        type: 'bool',
        role: 'activity',
        description: `Whether the action is to ${verb} ${thing}`,
        vocabulary: { verb: verbBase(verb), noun: thingSingular },
      },
      verb,
      thingSingular,
      id,
    );
    parts.push(variable(activity));
  }

  for (const qualifier of rule.qualifiers) {
    const words = singularWords(qualifier.phrase.words);
    if (qualifier.kind === 'destination') {
      const noun = words[words.length - 1]!;
      const adjectives = words.slice(0, -1);
      const name = registry.add(
        {
          name: variableName([noun, ...adjectives]),
          type: 'bool',
          role: 'qualifier',
          description: `Whether the ${noun.toLowerCase()} is ${phraseText(adjectives)}`,
          vocabulary: { phrase: phraseText(words) },
        },
        id,
      );
      parts.push(variable(name));
    } else {
      const phrase = phraseText([qualifier.participle, ...words]);
      const name = registry.add(
        {
          name: variableName([qualifier.participle, ...words]),
          type: 'bool',
          role: 'qualifier',
          description: `Whether the ${thingSingular} is described as "${qualifier.participle} ${qualifier.phrase.words.join(' ')}"`,
          vocabulary: { phrase },
        },
        id,
      );
      parts.push(variable(name));
    }
  }

  for (const attribute of rule.attributes) {
    const label = phraseText(attribute.name.words);
    const name = registry.add(
      {
        name: variableName(attribute.name.words),
        type: 'enum',
        role: 'attribute',
        description: `The ${label} of the ${thingSingular}`,
        vocabulary: { attribute: label },
        values: [...attribute.values],
      },
      id,
    );
    parts.push({ op: 'in', name, values: [...attribute.values] });
  }

  for (const list of rule.lists) {
    const subjectWords = singularWords((list.subject ?? rule.thing).words);
    const subject = variableName(subjectWords);
    const key = variableName(list.name.split(/\s+/));
    const name = registry.add(
      {
        name: `${subject}_on_${key}_list`,
        type: 'bool',
        role: 'membership',
        description: `Whether the ${phraseText(subjectWords)} is on the ${list.name} list (list data "${key}")`,
        vocabulary: { noun: phraseText(subjectWords) },
      },
      id,
    );
    lists.push({ name: list.name, key, variable: name, subject });
    parts.push(not(variable(name)));
  }

  if (rule.amount !== undefined) {
    const name = registry.add(
      {
        name: `${variableName(singularWords(rule.thing.words))}_amount`,
        type: 'real',
        role: 'amount',
        min: 0,
        description: `The amount of the ${thingSingular}, in dollars`,
        vocabulary: { noun: thingSingular },
      },
      id,
    );
    parts.push({ op: 'cmp', name, cmp: '>', value: rule.amount.value });
  }

  if (rule.count !== undefined) {
    parts.push(buildCount(rule, verb, id, registry, counters));
  }

  const exceptions: string[] = [];
  if (rule.exception !== undefined) {
    const name = registry.add(exceptionVariable(rule.exception.kind, rule.exception.phrase), id);
    exceptions.push(name);
    parts.push(not(variable(name)));
  }

  return { shape: shapeOf(rule), violation: conjunction(parts), exceptions, lists, counters };
}

function buildCount(
  rule: ParsedProhibition,
  verb: string,
  id: number,
  registry: VariableRegistry,
  counters: Counter[],
): Expr {
  const count = rule.count!;
  const unitWords = singularWords(rule.thing.words);
  const unit = phraseText(unitWords);
  const generic = isGenericVerb(verb);
  const base = variableName(generic ? unitWords : [verb, ...unitWords]);
  const what = generic ? pluralizeNoun(unit) : `${pluralizeNoun(unit)} to ${verb}`;
  const actionVariable = registry.add(
    {
      name: `${base}_count`,
      type: 'int',
      role: 'counter',
      min: 0,
      description: `Number of ${what} in this action`,
      vocabulary: generic ? { unit } : { unit, verb: verbBase(verb) },
    },
    id,
  );
  if (count.scope === 'action') {
    return { op: 'cmp', name: actionVariable, cmp: '>', value: count.limit };
  }
  const sessionVariable = registry.add(
    {
      name: `session_${base}_count`,
      type: 'int',
      role: 'counter',
      min: 0,
      description: `Total number of ${what} over the agent session, including this action`,
      vocabulary: {},
    },
    id,
  );
  counters.push({ unit, actionVariable, sessionVariable });
  return { op: 'cmp', name: sessionVariable, cmp: '>', value: count.limit };
}

function exceptionVariable(kind: 'unless' | 'without', phrase: Phrase) {
  const text = phrase.words.join(' ');
  return {
    name: variableName(phrase.words),
    type: 'bool' as const,
    role: kind === 'unless' ? ('permission' as const) : ('condition' as const),
    description:
      kind === 'unless'
        ? `Whether ${text} is provided`
        : `Whether ${text} is recorded in the action`,
    vocabulary: { phrase: phraseText(phrase.words) },
  };
}

function shapeOf(rule: ParsedProhibition): RuleShape {
  if (rule.count !== undefined) return 'count-limit';
  if (rule.amount !== undefined) return 'amount-without';
  if (rule.attributes.length > 0) return 'attribute';
  if (rule.lists.length > 0) return 'list';
  return rule.exception?.kind === 'without' ? 'without' : 'unless-provided';
}
