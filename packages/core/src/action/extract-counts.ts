import { isGenericVerb, type PolicyIR, pluralizeNoun, singularize } from '../policy';
import { relateVerb } from './extract-activity';
import type { Finding } from './extract-finding';
import { extractNumber, numberPattern, numberWord } from './extract-number';
import { escapeRegExp } from './extract-regex';

/** Words that end a noun phrase: "3 fields on record x" does not count records. */
const phraseBreakers: ReadonlySet<string> = new Set(
  'on of in to from for with at by and or but than per into onto about over under via as'.split(
    ' ',
  ),
);

/** A regex alternative for one form of a (possibly multi-word) unit: `customer[\s_-]+records`. */
function unitForm(form: string): string {
  return form
    .trim()
    .split(/[\s_-]+/)
    .map(escapeRegExp)
    .join('[\\s_-]+');
}

/** Words between a number and its unit may be adjectives, never a plural noun or a preposition. */
function modifiersOk(modifiers: string): boolean {
  return modifiers
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => {
      const lower = word.toLowerCase();
      return !phraseBreakers.has(lower) && singularize(lower) === lower && !/^\d/.test(word);
    });
}

/** Counts written as "N <units>" (with up to two adjectives between). */
function writtenCounts(text: string, singular: string, plural: string): number[] {
  const units = `(?:${unitForm(plural)}|${unitForm(singular)})`;
  const pattern = new RegExp(
    `(?<![\\w$€£.,])(${numberPattern}|[A-Za-z]+)\\s+((?:[A-Za-z][\\w-]*\\s+){0,2}?)${units}\\b`,
    'gi',
  );
  const counts: number[] = [];
  // Overlapping matches: in "a single record", "a" is no number but "single" is.
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    pattern.lastIndex = match.index + 1;
    const written = match[1] ?? '';
    const count = /^\d/.test(written) ? extractNumber(written) : numberWord(written);
    if (count === undefined || !Number.isInteger(count)) continue;
    if (!modifiersOk(match[2] ?? '')) continue;
    counts.push(count);
  }
  return counts;
}

/** One unit named singly: "a record", "a single customer record", "record cust_4421". */
function namedOnce(text: string, singular: string): boolean {
  const unit = unitForm(singular);
  const article = new RegExp(`\\b(?:a|an)\\s+((?:[A-Za-z][\\w-]*\\s+){0,2}?)${unit}\\b`, 'gi');
  for (const match of text.matchAll(article)) {
    if (modifiersOk(match[1] ?? '')) return true;
  }
  const identified = new RegExp(`\\b${unit}\\s+(?:#?[A-Za-z0-9]*[\\d_][\\w-]*|"[^"]+")`, 'i');
  return identified.test(text);
}

/** The session variables of the IR's counters: they are totals, never read from one action. */
function sessionVariables(ir: PolicyIR): Set<string> {
  return new Set(ir.counters.map((counter) => counter.sessionVariable));
}

/**
 * Counter variables (`record_count`) from "N <units>" (the largest when several numbers are
 * written), "a single <unit>" / "a <unit>" / "<unit> <id>" (1). A plural with no number stays
 * unknown. A counter tied to a verb (`transfer_record_count`) is 0 when the leading verb is a
 * known verb of another class, and unknown when the verb is unclear.
 */
export function extractCounts(ir: PolicyIR, text: string, leadingVerb: string): Finding[] {
  const sessions = sessionVariables(ir);
  const findings: Finding[] = [];
  for (const variable of ir.variables) {
    if (variable.role !== 'counter' || variable.type !== 'int') continue;
    if (sessions.has(variable.name)) continue;
    const { unit, verb } = variable.vocabulary;
    if (unit === undefined) continue;
    const { name } = variable;
    if (verb !== undefined && !isGenericVerb(verb)) {
      const relation = relateVerb(leadingVerb, verb);
      if (relation === 'other') {
        findings.push({ name, value: 0, note: `leading verb "${leadingVerb}" is not "${verb}"` });
        continue;
      }
      if (relation === 'unclear') {
        findings.push({ name, value: undefined, note: `leading verb "${leadingVerb}" is unclear` });
        continue;
      }
    }
    const singular = singularize(unit);
    const plural = pluralizeNoun(singular);
    const counts = writtenCounts(text, singular, plural);
    if (counts.length > 0) {
      const count = Math.max(...counts);
      const several = new Set(counts).size > 1 ? ` (largest of ${counts.join(', ')})` : '';
      findings.push({ name, value: count, note: `"${count} ${plural}" written${several}` });
    } else if (namedOnce(text, singular)) {
      findings.push({ name, value: 1, note: `a single ${singular} named` });
    } else if (new RegExp(`\\b${unitForm(plural)}\\b`, 'i').test(text)) {
      findings.push({ name, value: undefined, note: `${plural} named without a number` });
    }
  }
  return findings;
}
