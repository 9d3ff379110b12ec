import type { PolicyIR } from '../policy';
import type { Finding } from './extract-finding';
import { findPhrase, phraseWords, type TextWord, wordBefore } from './extract-words';

/** Words that deny the phrase that follows ("non-external", "not containing PHI"). */
const negators: ReadonlySet<string> = new Set(['not', 'non', 'no', 'without', 'never']);

/**
 * General-English opposites of qualifying adjectives: "internal destination" says the
 * destination is not external. Symmetric; kept to pairs that are true opposites.
 */
const opposites: readonly (readonly [string, string])[] = [
  ['external', 'internal'],
  ['public', 'private'],
  ['remote', 'local'],
  ['foreign', 'domestic'],
  ['untrusted', 'trusted'],
  ['unapproved', 'approved'],
  ['unverified', 'verified'],
  ['unencrypted', 'encrypted'],
  ['insecure', 'secure'],
  ['outside', 'inside'],
  ['offshore', 'onshore'],
];

function oppositeOf(word: string): string | undefined {
  const lower = word.toLowerCase();
  for (const [a, b] of opposites) {
    if (a === lower) return b;
    if (b === lower) return a;
  }
  return undefined;
}

/** Phrases that, when present, mean the qualifier does NOT hold. */
function denials(phrase: readonly string[]): string[][] {
  const [head = '', ...rest] = phrase;
  if (rest.length === 0) return [];
  const out: string[][] = [];
  if (/ing$/i.test(head)) {
    // "containing PHI": "containing no PHI", "without PHI", "free of PHI".
    out.push([head, 'no', ...rest], ['without', ...rest], ['free', 'of', ...rest]);
  }
  const opposite = oppositeOf(head);
  if (opposite !== undefined) out.push([opposite, ...rest]);
  return out;
}

/**
 * Qualifier variables (`destination_external`, `containing_phi`, `affecting_individual`) from
 * their phrase: present -> true; negated ("not", "non-", "no", "without") or its opposite
 * ("internal destination") -> false; both at once -> unknown.
 */
export function extractQualifiers(ir: PolicyIR, words: readonly TextWord[]): Finding[] {
  const findings: Finding[] = [];
  for (const variable of ir.variables) {
    if (variable.role !== 'qualifier' || variable.type !== 'bool') continue;
    const phrase = phraseWords(variable.vocabulary.phrase ?? variable.name);
    const written = phrase.join(' ');
    let holds = false;
    let denied = false;
    for (const match of findPhrase(words, phrase)) {
      if (negators.has(wordBefore(words, match.first))) denied = true;
      else holds = true;
    }
    for (const denial of denials(phrase)) {
      if (findPhrase(words, denial).length > 0) denied = true;
    }
    const { name } = variable;
    if (holds && denied) {
      findings.push({ name, value: undefined, note: `"${written}" both stated and denied` });
    } else if (holds) {
      findings.push({ name, value: true, note: `"${written}" stated` });
    } else if (denied) {
      findings.push({ name, value: false, note: `"${written}" denied` });
    }
  }
  return findings;
}
