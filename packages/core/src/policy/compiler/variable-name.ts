import { singularize } from '../lexicon';
import { articles } from './token-stream';

/**
 * A variable name from words: lowercased, every run of non-alphanumerics becomes `_`, articles
 * dropped. Names must start with a letter (an SMT-LIB-safe symbol), so a leading digit gets `n_`.
 */
export function variableName(words: readonly string[]): string {
  const name = words
    .filter((word) => !articles.has(word.toLowerCase()))
    .join(' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(name) ? name : `n_${name}`;
}

/** Words of a phrase with its last word singular ("customer records" -> customer, record). */
export function singularWords(words: readonly string[]): string[] {
  const kept = words.filter((word) => !articles.has(word.toLowerCase()));
  if (kept.length === 0) return [];
  return [...kept.slice(0, -1), singularize(kept[kept.length - 1]!)];
}

/** Lowercase phrase of the words without articles, for vocabulary and descriptions. */
export function phraseText(words: readonly string[]): string {
  return words
    .filter((word) => !articles.has(word.toLowerCase()))
    .join(' ')
    .toLowerCase();
}
