import {
  isGenericVerb,
  isKnownBase,
  isKnownVerb,
  type PolicyIR,
  verbBase,
  verbMatches,
} from '../policy';
import type { Finding } from './extract-finding';
import { findPhrase, phraseWords, type TextWord } from './extract-words';

/**
 * The description's leading verb: its first word, or its first two words when they form a known
 * multi-word verb ("look up"). Empty when the text does not start with a word.
 */
export function extractLeadingVerb(words: readonly TextWord[]): string {
  const first = words[0];
  if (first === undefined || /^\d/.test(first.text)) return '';
  const second = words[1];
  if (second !== undefined) {
    const pair = `${first.lower} ${second.lower}`;
    if (isKnownBase(verbBase(pair))) return pair;
  }
  return first.lower;
}

/** How the leading verb relates to a rule verb: performs it, clearly does not, or cannot tell. */
export type VerbRelation = 'performs' | 'other' | 'unclear';

/**
 * Whether an action whose leading verb is `leadingVerb` performs a rule's `ruleVerb`. A generic
 * or unknown leading verb ("process", "frobnicate") is unclear: it may hide any activity.
 */
export function relateVerb(leadingVerb: string, ruleVerb: string): VerbRelation {
  if (leadingVerb === '' || isGenericVerb(leadingVerb)) return 'unclear';
  if (verbMatches(leadingVerb, ruleVerb)) return 'performs';
  return isKnownVerb(leadingVerb) ? 'other' : 'unclear';
}

/** Whether the rule's thing is named in the text (or is the leading verb itself, "Transfer $5"). */
function thingNamed(words: readonly TextWord[], noun: string, leadingVerb: string): boolean {
  if (findPhrase(words, phraseWords(noun)).length > 0) return true;
  // A thing that is itself an activity ("a transfer", "a payment") is named by a verb of its class.
  const single = !/\s/.test(noun.trim());
  return single && isKnownVerb(noun) && verbMatches(leadingVerb, noun);
}

/**
 * Activity variables: true when the leading verb performs the rule's verb AND the rule's thing is
 * named; false when the leading verb is a known verb of another class; unknown otherwise
 * (including a matching verb whose thing is not named).
 */
export function extractActivities(
  ir: PolicyIR,
  words: readonly TextWord[],
  leadingVerb: string,
): Finding[] {
  const findings: Finding[] = [];
  for (const variable of ir.variables) {
    if (variable.role !== 'activity' || variable.type !== 'bool') continue;
    const { verb, noun } = variable.vocabulary;
    if (verb === undefined) continue;
    const relation = relateVerb(leadingVerb, verb);
    const { name } = variable;
    if (relation === 'other') {
      findings.push({ name, value: false, note: `leading verb "${leadingVerb}" is not "${verb}"` });
    } else if (relation === 'unclear') {
      const why =
        leadingVerb === '' ? 'no leading verb' : `leading verb "${leadingVerb}" is unclear`;
      findings.push({ name, value: undefined, note: why });
    } else if (noun === undefined || thingNamed(words, noun, leadingVerb)) {
      const what = noun === undefined ? '' : ` on ${noun}`;
      findings.push({ name, value: true, note: `leading verb "${leadingVerb}"${what}` });
    } else {
      findings.push({
        name,
        value: undefined,
        note: `"${leadingVerb}" is a ${verb} verb but "${noun}" is not named`,
      });
    }
  }
  return findings;
}
