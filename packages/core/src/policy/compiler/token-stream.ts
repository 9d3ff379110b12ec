import type { RuleParseFailure } from './rule-ast';
import type { Token } from './tokenize';

/** Thrown inside the parser to unwind to the rule boundary; never escapes the compiler. */
export class ParseFailure extends Error {
  constructor(readonly failure: RuleParseFailure) {
    super(`column ${failure.column}: expected ${failure.expected.join(' or ')}`);
  }
}

export const articles: ReadonlySet<string> = new Set(['a', 'an', 'the']);

/** A cursor over one rule's tokens with case-insensitive keyword helpers. */
export class TokenStream {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  get position(): number {
    return this.index;
  }

  peek(offset = 0): Token {
    const last = this.tokens[this.tokens.length - 1]!;
    return this.tokens[this.index + offset] ?? last;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  /** The lowercased word at `offset`, or undefined if that token is not a word. */
  word(offset = 0): string | undefined {
    const token = this.peek(offset);
    return token.kind === 'word' ? token.lower : undefined;
  }

  /** True when the next words are exactly `words` (each entry may list alternatives with |). */
  at(...words: string[]): boolean {
    return words.every((expected, offset) => {
      const word = this.word(offset);
      return word !== undefined && expected.split('|').includes(word);
    });
  }

  /** Consumes the words if they are next; returns whether it did. */
  accept(...words: string[]): boolean {
    if (!this.at(...words)) return false;
    this.index += words.length;
    return true;
  }

  /** Consumes the words or fails with `expected`. */
  expect(words: string[], expected: string, context?: string): void {
    for (const word of words) {
      if (!this.accept(word)) this.fail([expected], context);
    }
  }

  acceptArticle(): boolean {
    const word = this.word();
    if (word === undefined || !articles.has(word)) return false;
    this.index += 1;
    return true;
  }

  /** Consumes a final period, then requires the end of the rule. */
  expectEnd(alternatives: string[] = [], context?: string): void {
    if (this.peek().kind === 'punct' && this.peek().text === '.') this.next();
    if (this.peek().kind !== 'end') this.fail([...alternatives, 'the end of the rule'], context);
  }

  fail(expected: string[], context?: string): never {
    const token = this.peek();
    const found = token.kind === 'end' ? 'end of rule' : `"${token.text}"`;
    throw new ParseFailure({
      column: token.column,
      expected,
      found,
      ...(context === undefined ? {} : { context }),
    });
  }
}
