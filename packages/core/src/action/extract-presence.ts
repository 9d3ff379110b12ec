import type { PolicyIR } from '../policy';
import type { Finding } from './extract-finding';
import { findPhrase, phraseWords, type TextWord, wordBefore } from './extract-words';

/** Words before a permission or condition that say it is absent ("without dual approval"). */
const absentBefore: ReadonlySet<string> = new Set(['without', 'no', 'missing', 'lacking', 'lacks']);
/** Words before it that say it is present ("with an authorization token"). */
const presentBefore: ReadonlySet<string> = new Set(['with', 'has', 'includes', 'including']);
/** Words after it that say it is absent ("authorization token missing", "... not provided"). */
const absentAfter: ReadonlySet<string> = new Set(['missing', 'absent', 'not', 'none', 'lacking']);
/** Words after it that say it is present ("dual approval recorded"). */
const presentAfter: ReadonlySet<string> = new Set([
  'provided',
  'present',
  'included',
  'recorded',
  'documented',
  'attached',
  'supplied',
  'given',
  'granted',
]);

/** Skips "is", "was", "has been" between a name and the word that says whether it is there. */
function wordAfter(words: readonly TextWord[], at: number): string {
  for (let index = at + 1; index < words.length; index += 1) {
    const word = words[index]?.lower ?? '';
    if (!['is', 'was', 'are', 'were', 'has', 'have', 'been', 'be'].includes(word)) return word;
  }
  return '';
}

/**
 * Whether a longer variable name ends at this match: "re_authorization_token" contains
 * "authorization token", which must not read as the shorter variable.
 */
function partOfLongerName(
  words: readonly TextWord[],
  first: number,
  name: string,
  names: readonly string[],
): boolean {
  const before = words[first - 1]?.lower;
  if (before === undefined) return false;
  return names.some((other) => other !== name && other.endsWith(`${before}_${name}`));
}

/**
 * Permission and condition variables written as phrases rather than `name: value` pairs:
 * "without dual approval", "no approver_id" -> false; "with a documented human-review step",
 * "dual approval recorded" -> true. Contradictory phrases leave the variable unknown.
 */
export function extractPresence(ir: PolicyIR, words: readonly TextWord[]): Finding[] {
  const names = ir.variables.map((variable) => variable.name);
  const findings: Finding[] = [];
  for (const variable of ir.variables) {
    if (variable.type !== 'bool') continue;
    if (variable.role !== 'permission' && variable.role !== 'condition') continue;
    const phrase = phraseWords(variable.vocabulary.phrase ?? variable.name);
    let present = false;
    let absent = false;
    for (const match of findPhrase(words, phrase)) {
      if (partOfLongerName(words, match.first, variable.name, names)) continue;
      const before = wordBefore(words, match.first);
      const after = wordAfter(words, match.last);
      if (absentBefore.has(before) || absentAfter.has(after)) absent = true;
      else if (presentBefore.has(before) || presentAfter.has(after)) present = true;
    }
    const { name } = variable;
    const written = phrase.join(' ');
    if (present && absent) {
      findings.push({ name, value: undefined, note: `"${written}" both present and absent` });
    } else if (present) {
      findings.push({ name, value: true, note: `"${written}" stated as present` });
    } else if (absent) {
      findings.push({ name, value: false, note: `"${written}" stated as absent` });
    }
  }
  return findings;
}
