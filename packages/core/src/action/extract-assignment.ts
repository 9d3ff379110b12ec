import {
  type Assignment,
  type PolicyIR,
  pluralizeNoun,
  singularize,
  type Variable,
} from '../policy';
import { extractActivities, extractLeadingVerb } from './extract-activity';
import { extractAmounts } from './extract-amounts';
import { extractAttributes } from './extract-attributes';
import { extractCounts } from './extract-counts';
import type { Finding } from './extract-finding';
import { extractPairs, type TextPair } from './extract-pairs';
import { extractPresence } from './extract-presence';
import { extractQualifiers } from './extract-qualifiers';
import { extractMemberships } from './extract-subjects';
import { extractValue } from './extract-value';
import { extractWords } from './extract-words';
import type { ListData } from './list-membership';

/** Options of {@link extractAssignment}. */
export interface ExtractAssignmentOptions {
  /**
   * Named list data keyed by list key (`approved_baa`), for list membership variables.
   * Default: none (membership stays unknown).
   */
  lists?: ListData;
}

/** What {@link extractAssignment} read from a description. */
export interface ExtractedAssignment {
  /** The variables the text determines. Absent variables are unknown. */
  assignment: Assignment;
  /** Per variable: what in the text gave its value, or why it stays unknown. */
  notes: Record<string, string>;
}

type NameTarget = { kind: 'variable'; variable: Variable } | { kind: 'subject'; subject: string };

function snake(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The names a `name: value` pair may use: variable names, list subjects, counted units
 * (`records: 12`), attribute names, and (when unique, with two words or more) a variable name's
 * ending (`human_review_step` for `documented_human_review_step`).
 */
function nameIndex(ir: PolicyIR): Map<string, NameTarget> {
  const index = new Map<string, NameTarget>();
  const sessions = new Set(ir.counters.map((counter) => counter.sessionVariable));
  const suffixes = new Map<string, Variable | null>();
  for (const variable of ir.variables) {
    index.set(variable.name, { kind: 'variable', variable });
    const { unit, attribute } = variable.vocabulary;
    if (variable.role === 'counter' && unit !== undefined && !sessions.has(variable.name)) {
      for (const form of [singularize(unit), pluralizeNoun(singularize(unit))]) {
        if (!index.has(snake(form))) index.set(snake(form), { kind: 'variable', variable });
      }
    }
    if (attribute !== undefined && !index.has(snake(attribute))) {
      index.set(snake(attribute), { kind: 'variable', variable });
    }
    const parts = variable.name.split('_');
    for (let start = 1; start <= parts.length - 2; start += 1) {
      const suffix = parts.slice(start).join('_');
      suffixes.set(suffix, suffixes.has(suffix) ? null : variable);
    }
  }
  for (const list of ir.lists) index.set(list.subject, { kind: 'subject', subject: list.subject });
  for (const [suffix, variable] of suffixes) {
    if (variable !== null && !index.has(suffix)) index.set(suffix, { kind: 'variable', variable });
  }
  return index;
}

function resolvePair(pair: TextPair, index: Map<string, NameTarget>): NameTarget | undefined {
  for (const name of pair.names) {
    const target = index.get(name) ?? index.get(snake(singularize(name.replace(/_/g, ' '))));
    if (target !== undefined) return target;
  }
  return undefined;
}

/**
 * Reads a hand-written action description (seed style) into a partial assignment of the policy's
 * variables. Driven by the IR's variables and vocabulary, never by a word list for one policy:
 * - `name: value` pairs (a variable name or its words; `not provided`, `none`, `missing` -> false),
 *   which win over anything read from the prose;
 * - "N <units>", "a single <unit>", "<unit> <id>" for counters (session totals: {@link applyCounters});
 * - the leading verb and the thing named, for activities;
 * - quoted or named attribute values, qualifier phrases ("external destination"), money amounts;
 * - list subjects ("to x@y.com") looked up in `lists` for membership.
 * Whatever the text does not determine stays unknown; `notes` says why.
 *
 * @example
 * const { assignment } = extractAssignment(ir, 'Read 35 records with classification "restricted". approval_token: not provided.');
 * // { record_count: 35, classification: 'restricted', approval_token: false, ... }
 */
export function extractAssignment(
  ir: PolicyIR,
  text: string,
  { lists }: ExtractAssignmentOptions = {},
): ExtractedAssignment {
  const words = extractWords(text);
  const leadingVerb = extractLeadingVerb(words);
  const values = new Map<string, Finding>();
  const record = (findings: readonly Finding[]) => {
    for (const finding of findings) values.set(finding.name, finding);
  };
  record(extractActivities(ir, words, leadingVerb));
  record(extractCounts(ir, text, leadingVerb));
  record(extractAttributes(ir, text));
  record(extractQualifiers(ir, words));
  record(extractPresence(ir, words));
  record(extractAmounts(ir, text));

  // Explicit pairs come last: what the description states outright wins over prose.
  const index = nameIndex(ir);
  const subjects: Record<string, string> = {};
  for (const pair of extractPairs(text)) {
    const target = resolvePair(pair, index);
    if (target === undefined) continue;
    if (target.kind === 'subject') {
      subjects[target.subject] = pair.value;
      continue;
    }
    const read = extractValue(target.variable, pair.value);
    const { name } = target.variable;
    values.set(name, { name, value: read.value, note: `"${pair.raw}": ${read.reason}` });
  }
  for (const finding of extractMemberships(ir, text, subjects, lists)) {
    if (values.get(finding.name)?.value === undefined) values.set(finding.name, finding);
  }

  const assignment: Record<string, boolean | number | string> = {};
  const notes: Record<string, string> = {};
  for (const variable of ir.variables) {
    const finding = values.get(variable.name);
    if (finding === undefined) continue;
    if (finding.value !== undefined) assignment[variable.name] = finding.value;
    notes[variable.name] = finding.note;
  }
  return { assignment, notes };
}
