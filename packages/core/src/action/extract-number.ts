/** Multipliers written after a number: `$2.5k`, `3 million`. */
const multipliers: Readonly<Record<string, number>> = {
  k: 1_000,
  thousand: 1_000,
  m: 1_000_000,
  mm: 1_000_000,
  million: 1_000_000,
  bn: 1_000_000_000,
  b: 1_000_000_000,
  billion: 1_000_000_000,
};

/** Small numbers written as words, for counts ("one record", "three records"). */
const numberWords: Readonly<Record<string, number>> = {
  zero: 0,
  no: 0,
  one: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  twenty: 20,
  hundred: 100,
};

/** A number as written in text: digits with optional thousands commas and decimals. */
export const numberPattern = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/**
 * Reads a written number or amount: `240`, `12,500`, `$12,500.00`, `$2.5k`, `3 million`,
 * `twelve`. Returns undefined for anything else, so that an unreadable value stays unknown
 * instead of becoming a wrong number.
 */
export function extractNumber(text: string): number | undefined {
  const trimmed = text
    .trim()
    .replace(/^(?:USD|EUR|GBP|US\$|\$|€|£)\s*/i, '')
    .replace(/\s*(?:USD|EUR|GBP|dollars?|euros?|pounds?)$/i, '');
  const word = numberWords[trimmed.toLowerCase()];
  if (word !== undefined) return word;
  const match = new RegExp(`^(${numberPattern})\\s*([A-Za-z]*)$`).exec(trimmed);
  if (match === null) return undefined;
  const digits = Number((match[1] ?? '').replace(/,/g, ''));
  const suffix = (match[2] ?? '').toLowerCase();
  if (suffix === '') return digits;
  const multiplier = multipliers[suffix];
  return multiplier === undefined ? undefined : digits * multiplier;
}

/** A count written as a word ("one", "three"), or undefined. */
export function numberWord(word: string): number | undefined {
  return numberWords[word.toLowerCase()];
}
