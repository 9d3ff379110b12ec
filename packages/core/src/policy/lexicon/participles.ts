import { verbBase } from './verb-base';

/**
 * Verbs whose -ing form, placed after a noun, describes that noun ("records containing PHI",
 * "a decision affecting an individual"). After a noun, an -ing word starts a qualifier when its
 * verb is one of these or when an article follows it ("... notifying a regulator"); otherwise it
 * is read as part of a compound noun ("customer billing records").
 */
export const relationVerbs: readonly string[] = [
  'contain',
  'affect',
  'include',
  'involve',
  'concern',
  'reference',
  'mention',
  'describe',
  'target',
  'expose',
  'reveal',
  'identify',
  'name',
  'impact',
  'cover',
  'relate',
  'carry',
  'hold',
  'show',
  'embed',
  'bear',
  'depict',
  'regard',
  'feature',
  'exceed',
];

const relation: ReadonlySet<string> = new Set(relationVerbs);

/** True for an -ing word of a relation verb ("containing", "affecting"). */
export function isRelationParticiple(word: string): boolean {
  const lower = word.toLowerCase();
  return lower.endsWith('ing') && relation.has(verbBase(lower));
}
