/** A `name: value` pair written in an action description. */
export interface TextPair {
  /**
   * Candidate names, longest first: the snake_case forms of the last 1..n words before the colon
   * (back to a sentence or bracket boundary). The caller picks the first one the policy knows.
   */
  names: string[];
  /** The value as written, trimmed, without surrounding quotes. */
  value: string;
  /** The pair as written, for notes. */
  raw: string;
}

/** Longest name looked at before a colon, in words. */
const maxNameWords = 6;
/** How far to look around a colon, in characters: keeps long texts with many colons linear. */
const maxNameChars = 80;
const maxValueChars = 300;

function snake(words: readonly string[]): string {
  return words
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The text of the name part: from the last boundary before the colon up to the colon. */
function namePart(text: string, colon: number): string {
  let start = colon;
  while (start > 0 && colon - start < maxNameChars) {
    const char = text[start - 1] ?? '';
    // Sentence ends (". "), brackets, commas, semicolons and newlines end a name.
    if ('([{,;:\n'.includes(char)) break;
    if (char === '.' && /\s/.test(text[start] ?? '')) break;
    start -= 1;
  }
  return text.slice(start, colon);
}

/** Reads the value after a colon: a quoted string, or text up to the end of its clause. */
function valuePart(text: string, from: number): { value: string; end: number } {
  let index = from;
  while (index < text.length && /[ \t]/.test(text[index] ?? '')) index += 1;
  const open = text[index] ?? '';
  const closing: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };
  const close = closing[open];
  if (close !== undefined) {
    const end = text.indexOf(close, index + 1);
    if (end > index && end - index <= maxValueChars) {
      return { value: text.slice(index + 1, end), end: end + 1 };
    }
  }
  // A comma or full stop followed by a space (or the end) ends the clause; "12,500" and
  // "partner-firm.com" keep theirs. So do semicolons, closing brackets and newlines.
  const window = text.slice(index, index + maxValueChars);
  const clause = /^(?:[^;)\]}\n,.]|[,.](?=\S))*/.exec(window);
  const end = index + (clause?.[0].length ?? 0);
  return { value: text.slice(index, end).trim(), end };
}

/**
 * Finds the `name: value` pairs of an action description (`authorization_token: not provided`,
 * `(classification: standard)`, `Approver ID: approver_mhayes`). Colons inside URLs (`://`) and
 * times (`10:30`) are not pairs.
 */
export function extractPairs(text: string): TextPair[] {
  const pairs: TextPair[] = [];
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    if (text.startsWith('//', colon + 1)) continue;
    if (/\d/.test(text[colon - 1] ?? '') && /\d/.test(text[colon + 1] ?? '')) continue;
    const words = namePart(text, colon)
      .split(/[^A-Za-z0-9_-]+/)
      .filter((word) => word.length > 0);
    if (words.length === 0) continue;
    const { value, end } = valuePart(text, colon + 1);
    if (value === '') continue;
    const names: string[] = [];
    const longest = Math.min(words.length, maxNameWords);
    for (let count = longest; count >= 1; count -= 1) {
      const name = snake(words.slice(words.length - count));
      if (name !== '' && !names.includes(name)) names.push(name);
    }
    const start = colon - namePart(text, colon).trimStart().length;
    pairs.push({ names, value, raw: text.slice(start, end).trim() });
  }
  return pairs;
}
