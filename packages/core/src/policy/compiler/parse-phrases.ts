import { isRelationParticiple } from '../lexicon';
import type { Phrase } from './rule-ast';
import { articles, type TokenStream } from './token-stream';

/**
 * Words that end a noun phrase: the keywords that start the next part of a rule, and function
 * words (conjunctions, auxiliaries, negations) that never belong in a thing's name, so that a
 * stray "if" or "or" is reported where it stands instead of being swallowed into a name.
 */
const boundaryWords: ReadonlySet<string> = new Set(
  (
    'to with unless without above over exceeding not no never is are was were be been being ' +
    'must can could should may might will would shall do does did has have had ' +
    'if when whenever while because until except but or and nor so then where which that who ' +
    'whose whom although though once since provided'
  ).split(' '),
);

/** Whether a word ends a noun phrase (a keyword or function word). */
export function isBoundaryWord(word: string): boolean {
  return boundaryWords.has(word);
}

/** Length of the count scope at the cursor ("in a single agent session"), or 0. */
export function scopeLength(stream: TokenStream): number {
  const forms = [
    ['in', 'a', 'single', 'agent', 'session|conversation|run'],
    ['in', 'a', 'single', 'session|conversation|run|action|request|call'],
    ['in', 'one', 'agent', 'session'],
    ['in', 'one', 'session|action'],
    ['per', 'agent', 'session'],
    ['per', 'session|action|request|call'],
  ];
  return forms.find((form) => stream.at(...form))?.length ?? 0;
}

/** Whether the cursor is at a participle that starts a qualifier ("containing PHI"). */
export function atParticiple(stream: TokenStream): boolean {
  const word = stream.word();
  if (word === undefined || !word.endsWith('ing') || word.length < 5) return false;
  const following = stream.word(1);
  if (following === undefined) return false;
  return isRelationParticiple(word) || articles.has(following);
}

/**
 * Reads a noun phrase: an optional leading article, then words up to the next part of the rule.
 * Fails with `what` when there is no word.
 */
export function parseNounPhrase(stream: TokenStream, what: string, context?: string): Phrase {
  stream.acceptArticle();
  const column = stream.peek().column;
  const words: string[] = [];
  for (;;) {
    const token = stream.peek();
    if (token.kind !== 'word' || boundaryWords.has(token.lower)) break;
    if (scopeLength(stream) > 0) break;
    if (words.length > 0 && atParticiple(stream)) break;
    words.push(token.text);
    stream.next();
  }
  if (words.length === 0) stream.fail([what], context);
  return { words, column };
}

/** Words a `without` condition may end with before "in the action". */
const recordedWords = 'recorded|provided|included|present|documented|attached|given|supplied';

/**
 * Reads a `without` condition: every word up to the end of the rule, dropping an article at the
 * start and a trailing "recorded in the action" (or "in the action").
 */
export function parseCondition(stream: TokenStream): Phrase {
  stream.acceptArticle();
  const column = stream.peek().column;
  const words: string[] = [];
  for (;;) {
    if (stream.at(recordedWords, 'in', 'the', 'action')) {
      stream.accept(recordedWords, 'in', 'the', 'action');
      break;
    }
    if (stream.accept('in', 'the', 'action')) break;
    const token = stream.peek();
    if (token.kind !== 'word' || token.lower === 'unless') break;
    words.push(token.text);
    stream.next();
  }
  if (words.length === 0) stream.fail(['the condition, e.g. "without dual approval"']);
  return { words, column };
}
