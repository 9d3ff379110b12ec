/**
 * Look-alike folding for enum values written by the model. A value such as `restrіcted` (Cyrillic
 * `і`), `ｒｅｓｔｒｉｃｔｅｄ` (fullwidth), `restri\u200bcted` (a zero-width space inside) or
 * `"restricted."` reads as `restricted` to a human and to most tools, yet is none of the policy's
 * values, so without folding it would land in the permissive `(other)` bucket. Folding maps such
 * spellings onto one skeleton; two strings with the same skeleton are treated as the same value.
 * It is deliberately small (UTS #39 in spirit, not the full confusables table): the common
 * Cyrillic, Greek and Armenian look-alikes of Latin letters; the rest is caught by
 * {@link mixesScripts}.
 */

// Letters that render like a Latin letter in common fonts, mapped to it (lowercase is applied
// after the map, so capitals map to capitals).
const confusables: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  с: 'c',
  ѕ: 's',
  т: 't',
  у: 'y',
  ԝ: 'w',
  х: 'x',
  ԁ: 'd',
  ɡ: 'g',
  А: 'A',
  В: 'B',
  Е: 'E',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ԁ: 'D',
  Ԛ: 'Q',
  Ԝ: 'W',
  // Greek
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  // Armenian and Latin extensions
  օ: 'o',
  ս: 'u',
  ց: 'g',
  ı: 'i',
  ɩ: 'i',
  ɑ: 'a',
  ʏ: 'y',
};
const confusable = new RegExp(`[${Object.keys(confusables).join('')}]`, 'gu');
const printableAscii = /^[\x20-\x7e]*$/;
// Separators and punctuation carry no meaning in a classification: `re-stricted`, `"restricted."`.
const separators = /[\s\p{P}\p{S}]+/gu;
const asciiSeparators = /[\s!-/:-@[-`{-~]+/g;
// Zero-width characters, soft hyphens, bidi controls, variation selectors.
const invisible = /\p{Default_Ignorable_Code_Point}/gu;
const marks = /\p{M}/gu;

/** The skeleton of a text: what it reads as, for comparing enum values. */
export function foldLookalikes(text: string): string {
  if (printableAscii.test(text)) return text.toLowerCase().replace(asciiSeparators, '');
  return text
    .normalize('NFKD')
    .replace(invisible, '')
    .replace(marks, '')
    .replace(confusable, (char) => confusables[char] ?? char)
    .toLowerCase()
    .replace(separators, '');
}

const latin = /\p{Script=Latin}/u;
const nonLatinLetter = /(?!\p{Script=Latin})\p{L}/u;

/**
 * Whether a text mixes Latin letters with letters of another script (`pаblic` with a Cyrillic
 * `а`): the usual shape of a spoof, almost never a genuine value.
 */
export function mixesScripts(text: string): boolean {
  if (printableAscii.test(text)) return false;
  const normalized = text.normalize('NFKC');
  return latin.test(normalized) && nonLatinLetter.test(normalized);
}
