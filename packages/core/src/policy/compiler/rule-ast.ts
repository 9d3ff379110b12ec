/** Words of a phrase as written (articles dropped), with the column of its first word. */
export interface Phrase {
  words: string[];
  column: number;
}

/** A property of the thing or the action that narrows a prohibition. */
export type Qualifier =
  /** "to an external destination": adjectives + noun. */
  | { kind: 'destination'; phrase: Phrase }
  /** "containing PHI", "affecting an individual": a participle and its object. */
  | { kind: 'participle'; participle: string; phrase: Phrase };

/** "Do not <verb> ...": a parsed prohibition, before variables are named. */
export interface ParsedProhibition {
  kind: 'prohibition';
  /** The verb as written, lowercased (multi-word verbs joined by a space). */
  verb: string;
  /** The thing acted on; for count rules, the counted unit. */
  thing: Phrase;
  count?: { limit: number; scope: 'session' | 'action' };
  qualifiers: Qualifier[];
  attributes: { name: Phrase; values: string[] }[];
  /** Named lists; `subject` undefined means the thing itself. */
  lists: { name: string; subject?: Phrase; column: number }[];
  amount?: { value: number; column: number };
  exception?: { kind: 'unless' | 'without'; phrase: Phrase };
}

/** "Every action that requires <token> must also include <token2>." */
export interface ParsedRequirement {
  kind: 'requirement';
  token: Phrase;
  also: Phrase;
}

export type ParsedRule = ParsedProhibition | ParsedRequirement;

/** Where and why a rule did not parse. */
export interface RuleParseFailure {
  column: number;
  /** Alternatives that would have been accepted at `column`, in plain words. */
  expected: string[];
  /** What was found there (`end of rule` at the end). */
  found: string;
  /** Where in the rule the parser was, e.g. "after the thing". */
  context?: string;
}
