import { sameNoun } from '../policy';

/** One word of an action description, with its place in the text. */
export interface TextWord {
  /** The word as written (letters and digits only). */
  text: string;
  /** Lowercase form. */
  lower: string;
  /** Offset of the word's first character in the text. */
  start: number;
  /** Offset just after the word's last character. */
  end: number;
}

/** Articles and determiners that may sit inside a phrase without changing what it names. */
const fillers: ReadonlySet<string> = new Set(['a', 'an', 'the', 'any', 'some', 'this', 'that']);

/**
 * Splits a description into words. Underscores and hyphens separate words, so `approver_id`,
 * `third-party` and `third party` all read the same way as policy vocabulary does.
 */
export function extractWords(text: string): TextWord[] {
  const words: TextWord[] = [];
  for (const match of text.matchAll(/[A-Za-z0-9]+/g)) {
    words.push({
      text: match[0],
      lower: match[0].toLowerCase(),
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return words;
}

/** The words of a vocabulary phrase or variable name: `third-party API` -> [third, party, API]. */
export function phraseWords(phrase: string): string[] {
  return phrase.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
}

/** True for words that may appear inside a phrase without changing it (articles). */
export function isFiller(word: string): boolean {
  return fillers.has(word.toLowerCase());
}

/** A match of a phrase in the text: indexes of its first and last word. */
export interface PhraseMatch {
  first: number;
  last: number;
}

/**
 * Finds every occurrence of a phrase in the words. The last phrase word is a noun compared
 * singular/plural-insensitively; the others must be equal (case-insensitive). Articles in the
 * text between phrase words are skipped ("affecting an individual" matches "affecting individual").
 */
export function findPhrase(words: readonly TextWord[], phrase: readonly string[]): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  if (phrase.length === 0) return matches;
  for (let first = 0; first < words.length; first += 1) {
    let index = first;
    let matched = true;
    for (let position = 0; position < phrase.length; position += 1) {
      const expected = phrase[position] ?? '';
      if (position > 0) {
        while (index < words.length && isFiller(words[index]?.lower ?? '') && !isFiller(expected)) {
          index += 1;
        }
      }
      const word = words[index];
      const isLast = position === phrase.length - 1;
      const equal =
        word !== undefined &&
        (isLast ? sameNoun(word.text, expected) : word.lower === expected.toLowerCase());
      if (!equal) {
        matched = false;
        break;
      }
      index += 1;
    }
    if (matched) matches.push({ first, last: index - 1 });
  }
  return matches;
}

/** The nearest non-filler word before index `at`, lowercased, or '' when there is none. */
export function wordBefore(words: readonly TextWord[], at: number): string {
  for (let index = at - 1; index >= 0; index -= 1) {
    const word = words[index]?.lower ?? '';
    if (!isFiller(word)) return word;
  }
  return '';
}
