/** A token of one rule's text. `column` is 1-based, in the policy line as written. */
export type Token =
  | { kind: 'word'; text: string; lower: string; column: number }
  | { kind: 'number'; text: string; value: number; column: number }
  | { kind: 'money'; text: string; value: number; column: number }
  | { kind: 'quoted'; text: string; value: string; column: number }
  | { kind: 'punct'; text: string; column: number }
  | { kind: 'end'; text: ''; column: number };

const patterns: readonly [Token['kind'], RegExp][] = [
  // $10,000 / $10000 / $2,500.50 (a trailing sentence period is not part of the amount)
  ['money', /^\$(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/],
  ['number', /^(?:\d{1,3}(?:,\d{3})+|\d+)(?![A-Za-z_'’-])/],
  ['quoted', /^(?:"[^"]*"|“[^”]*”)/],
  ['word', /^[A-Za-z0-9_][A-Za-z0-9_'’-]*/],
];

/**
 * Splits one rule's text into tokens. Never fails: characters the grammar has no use for become
 * `punct` tokens, which the parser then reports as unexpected at their column.
 *
 * @param text the rule text (without its number)
 * @param firstColumn the 1-based column of `text` in its policy line
 */
export function tokenize(text: string, firstColumn = 1): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const rest = text.slice(index);
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const column = firstColumn + index;
    let matched = false;
    for (const [kind, pattern] of patterns) {
      const match = pattern.exec(rest);
      if (match === null) continue;
      const raw = match[0];
      tokens.push(makeToken(kind, raw, column));
      index += raw.length;
      matched = true;
      break;
    }
    if (!matched) {
      tokens.push({ kind: 'punct', text: rest[0] ?? '', column });
      index += 1;
    }
  }
  tokens.push({ kind: 'end', text: '', column: firstColumn + text.length });
  return tokens;
}

function makeToken(kind: Token['kind'], raw: string, column: number): Token {
  switch (kind) {
    case 'money':
      return { kind, text: raw, value: Number(raw.slice(1).replaceAll(',', '')), column };
    case 'number':
      return { kind, text: raw, value: Number(raw.replaceAll(',', '')), column };
    case 'quoted':
      return { kind, text: raw, value: raw.slice(1, -1).trim(), column };
    default:
      return { kind: 'word', text: raw, lower: raw.toLowerCase().replaceAll('’', "'"), column };
  }
}
