import { ENUM_OTHER } from '../../policy/ir';

const key = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * The ICME enum literal (`TransmissionDestination_OUTSIDE_WORKSPACE`) that stands for one of our
 * enum values (`outside workspace`), or `undefined` when none or several match.
 *
 * A literal matches when our value equals its VALUE part case-, space-, underscore- and
 * hyphen-insensitively. The VALUE part is what follows the `<Enum>_` prefix: the text after the
 * first underscore, or after the longest `_`-ended prefix all the literals share (so
 * `Transmission_Destination_OUTSIDE` works too); the whole literal also matches. Our catch-all
 * `(other)` matches an `<Enum>_OTHER` literal. Only a unique match counts: guessing between two
 * literals would put words in the action's mouth.
 */
export function matchEnumLiteral(
  value: string,
  enumValues: Readonly<Record<string, number>>,
): string | undefined {
  const wanted = value === ENUM_OTHER ? 'other' : key(value);
  if (wanted === '') return undefined;
  const literals = Object.keys(enumValues);
  const shared = sharedPrefix(literals);
  const hits = literals.filter((literal) =>
    [literal, afterFirstUnderscore(literal), literal.slice(shared.length)].some(
      (part) => part !== '' && key(part) === wanted,
    ),
  );
  return hits.length === 1 ? hits[0] : undefined;
}

function afterFirstUnderscore(literal: string): string {
  const index = literal.indexOf('_');
  return index < 0 ? literal : literal.slice(index + 1);
}

/** The longest prefix ending in `_` that every literal shares (empty for fewer than two). */
function sharedPrefix(literals: readonly string[]): string {
  if (literals.length < 2) return '';
  let prefix = literals[0]!;
  for (const literal of literals) {
    while (!literal.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  const end = prefix.lastIndexOf('_');
  return end < 0 ? '' : prefix.slice(0, end + 1);
}
