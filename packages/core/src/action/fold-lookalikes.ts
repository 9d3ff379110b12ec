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

// Letters that render like a Latin letter in common fonts, as [look-alikes, Latin letters] pairs
// of the same length (lowercase is applied after the map, so capitals map to capitals).
const lookalikePairs: ReadonlyArray<readonly [string, string]> = [
  // Cyrillic
  ['авеёһіїјкӏорԛсѕтуԝхԁ', 'abeehiijklopqcstywxd'],
  ['АВЕЅІЈКМНОРСТХУԀԚԜ', 'ABESIJKMHOPCTXYDQW'],
  // Greek
  ['αεικνορτυχγ', 'aeikvoptuxy'],
  ['ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ', 'ABEZHIKMNOPTYX'],
  // Armenian, and Latin letters outside ASCII that read as ASCII ones
  ['օսցıɩɑʏɡ', 'ougiiayg'],
];
const confusables = new Map<string, string>();
for (const [from, to] of lookalikePairs) {
  const targets = [...to];
  for (const [index, char] of [...from].entries()) confusables.set(char, targets[index] as string);
}
const confusable = new RegExp(`[${[...confusables.keys()].join('')}]`, 'gu');
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
    .replace(confusable, (char) => confusables.get(char) ?? char)
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
