import { genericVerbs, otherKnownVerbs, verbGroups } from './verb-groups';

/** Every base-form verb the lexicon knows. */
const knownBases: ReadonlySet<string> = new Set([
  ...genericVerbs,
  ...verbGroups.flat(),
  ...otherKnownVerbs,
]);

/** Irregular past tenses and participles of common verbs. */
const irregular: Readonly<Record<string, string>> = {
  sent: 'send',
  sold: 'sell',
  wrote: 'write',
  written: 'write',
  made: 'make',
  got: 'get',
  gotten: 'get',
  paid: 'pay',
  ran: 'run',
  began: 'begin',
  begun: 'begin',
  did: 'do',
  done: 'do',
  does: 'do',
  gave: 'give',
  given: 'give',
  took: 'take',
  taken: 'take',
  brought: 'bring',
  bought: 'buy',
  kept: 'keep',
  left: 'leave',
  found: 'find',
  shown: 'show',
  told: 'tell',
  thought: 'think',
  said: 'say',
  came: 'come',
  knew: 'know',
  known: 'know',
  sought: 'seek',
  held: 'hold',
  met: 'meet',
  lost: 'lose',
  won: 'win',
  built: 'build',
  grew: 'grow',
  grown: 'grow',
  saw: 'see',
  seen: 'see',
  went: 'go',
  gone: 'go',
  has: 'have',
  had: 'have',
  is: 'be',
  was: 'be',
  were: 'be',
  been: 'be',
  are: 'be',
  logged: 'log',
  looked: 'look',
};

const doubled = /([bdgklmnprtz])\1$/;

function candidates(word: string): string[] {
  const out: string[] = [];
  const push = (stem: string) => {
    out.push(stem, `${stem}e`);
    if (doubled.test(stem)) out.push(stem.slice(0, -1));
  };
  if (word.endsWith('ies') || word.endsWith('ied')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ing')) push(word.slice(0, -3));
  if (word.endsWith('ed')) push(word.slice(0, -2));
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) out.push(word.slice(0, -1));
  return out.filter((candidate) => candidate.length >= 2);
}

/** Best guess at the base of a verb the lexicon does not know: strip the suffix, undo doubling. */
function guess(word: string): string {
  if (/[^aeiou]ie[sd]$/.test(word)) return `${word.slice(0, -3)}y`;
  for (const suffix of ['ing', 'ed']) {
    if (word.endsWith(suffix) && word.length > suffix.length + 2) {
      const stem = word.slice(0, -suffix.length);
      if (doubled.test(stem)) return stem.slice(0, -1);
      // "validated" -> "validate", "finalized" -> "finalize": an e dropped before the suffix.
      if (/(?:[^aeiou]at|iz|yz|is|v|[^aeiou]ur|[^aeiou]c)$/.test(stem)) return `${stem}e`;
      return stem;
    }
  }
  if (/(?:sh|ch|x|ss|zz|o)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function baseOfWord(word: string): string {
  if (knownBases.has(word)) return word;
  const irregularBase = irregular[word];
  if (irregularBase !== undefined) return irregularBase;
  for (const candidate of candidates(word)) {
    if (knownBases.has(candidate)) return candidate;
  }
  return guess(word);
}

/**
 * The base form of a verb or verb phrase, lowercased: `transfers`, `transferred`,
 * `transferring` -> `transfer`; `looked up` -> `look up`. Known verbs are resolved exactly;
 * other words by regular English inflection rules (a best guess, see {@link verbMatches} for how
 * unknown verbs still match each other).
 *
 * @example verbBase('Copied') // 'copy'
 */
export function verbBase(word: string): string {
  const words = word.trim().toLowerCase().split(/\s+/);
  const [head, ...rest] = words;
  if (head === undefined || head === '') return '';
  return [baseOfWord(head), ...rest].join(' ');
}

/** True when the word (any inflection) is a verb the lexicon knows. */
export function isKnownVerb(word: string): boolean {
  const base = verbBase(word);
  if (knownBases.has(base)) return true;
  const head = base.split(' ')[0] ?? '';
  return knownBases.has(head);
}

/** Whether a base form is in the lexicon (no inflection handling). */
export function isKnownBase(base: string): boolean {
  return knownBases.has(base);
}
