import pluralize from 'pluralize';

/** Nouns that are singular and plural at once, which pluralize would otherwise mangle. */
const uncountable: ReadonlySet<string> = new Set(['data', 'metadata', 'media', 'personnel']);

function singularWord(word: string): string {
  const lower = word.toLowerCase();
  if (uncountable.has(lower)) return word;
  // Acronyms: "APIs" -> "API", "PHI" and "BAA" stay as they are.
  if (/^[A-Z0-9]+$/.test(word)) return word;
  if (/^[A-Z0-9]+s$/.test(word)) return word.slice(0, -1);
  return pluralize.singular(word);
}

/**
 * The singular of a noun or noun phrase (only its last word changes): `customer records` ->
 * `customer record`, `third-party APIs` -> `third-party API`, `data` -> `data`. Case is kept.
 */
export function singularize(noun: string): string {
  const match = /^(.*?)([A-Za-z0-9]+)(\W*)$/.exec(noun.trim());
  if (match === null) return noun.trim();
  const [, head = '', last = '', tail = ''] = match;
  return `${head}${singularWord(last)}${tail}`;
}

/** The plural of a noun or noun phrase (only its last word changes). */
export function pluralizeNoun(noun: string): string {
  const match = /^(.*?)([A-Za-z0-9]+)(\W*)$/.exec(noun.trim());
  if (match === null) return noun.trim();
  const [, head = '', last = '', tail = ''] = match;
  if (uncountable.has(last.toLowerCase())) return noun.trim();
  if (/^[A-Z0-9]+$/.test(last)) return `${head}${last}s${tail}`;
  return `${head}${pluralize.plural(last)}${tail}`;
}

/** Lowercase, hyphens/underscores as spaces, single spaces, singular. */
export function nounKey(noun: string): string {
  return singularize(noun.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim()).toLowerCase();
}

/**
 * Whether two nouns or noun phrases name the same thing, ignoring case, number (singular or
 * plural) and hyphen/underscore/space differences: `records` ~ `Record`, `third-party APIs` ~
 * `third_party_api`.
 */
export function sameNoun(a: string, b: string): boolean {
  const keyA = nounKey(a);
  const keyB = nounKey(b);
  return keyA !== '' && keyA === keyB;
}
