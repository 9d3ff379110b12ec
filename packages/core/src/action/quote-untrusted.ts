/** Appended (inside the budget) when a quoted text had to be cut. */
export const truncatedMarker = ' (truncated)';

/**
 * Quotes untrusted text (a tool name, a model-written argument) for the canonical action
 * description so that it stays inside one line and one string and cannot pose as a variable line.
 *
 * The text is NFKC-normalised first (fullwidth `ａ` and `：` become `a` and `:`), then written as a
 * double-quoted string in which only printable ASCII stays literal. Escaped as `\uXXXX`: every
 * control character, line or paragraph separator, every non-ASCII character (so Cyrillic or Greek
 * look-alikes cannot spell a variable name), and the colon, so no `name: value` pair can appear
 * inside quoted text at all. `"` and `\` are escaped as in JSON.
 *
 * `maxLength` bounds the whole result, quotes and marker included (minimum 16); text that does
 * not fit is cut at a character boundary and marked ` (truncated)`.
 */
export function quoteUntrusted(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const budget = Math.max(16, maxLength);
  // Most args are plain ASCII that needs no escape: NFKC leaves printable ASCII unchanged, so
  // such text is its own quoted form. Anything else takes the character-by-character path.
  if (text.length + 2 <= budget && literal.test(text)) return `"${text}"`;
  const pieces: string[] = [];
  let length = 2;
  for (const char of text.normalize('NFKC')) {
    const piece = escapeChar(char);
    if (length + piece.length > budget) return cut(pieces, length, budget);
    pieces.push(piece);
    length += piece.length;
  }
  return `"${pieces.join('')}"`;
}

// Drops whole escaped characters (never half an escape) until the marker fits.
function cut(pieces: string[], length: number, budget: number): string {
  let used = length;
  while (pieces.length > 0 && used + truncatedMarker.length > budget) {
    used -= pieces.pop()?.length ?? 0;
  }
  return `"${pieces.join('')}"${truncatedMarker}`;
}

// Printable ASCII except `"` (0x22), `:` (0x3a) and `\` (0x5c), the characters escapeChar keeps.
const literal = /^[\x20\x21\x23-\x39\x3b-\x5b\x5d-\x7e]*$/;

function escapeChar(char: string): string {
  if (char === '"') return '\\"';
  if (char === '\\') return '\\\\';
  if (char === ':') return '\\u003a';
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x20 && code < 0x7f) return char;
  switch (char) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
  }
  // Non-BMP characters become their two UTF-16 surrogates, as in JSON.
  let escaped = '';
  for (let index = 0; index < char.length; index += 1) {
    escaped += `\\u${char.charCodeAt(index).toString(16).padStart(4, '0')}`;
  }
  return escaped;
}
