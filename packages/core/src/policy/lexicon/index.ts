export { nounKey, pluralizeNoun, sameNoun, singularize } from './nouns';
export { isRelationParticiple, relationVerbs } from './participles';
export { isKnownBase, isKnownVerb, verbBase } from './verb-base';
export { genericVerbs, otherKnownVerbs, verbGroups } from './verb-groups';
export { isGenericVerb, verbMatches } from './verb-matches';
