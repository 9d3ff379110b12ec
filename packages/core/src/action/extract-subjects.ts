import { type PolicyIR, sameNoun } from '../policy';
import type { Finding } from './extract-finding';
import { escapeRegExp } from './extract-regex';
import { isOnList, type ListData } from './list-membership';

/**
 * A value that names something precisely: a quoted string, an email, a URL, a host name, or an
 * identifier with a digit, underscore or hyphen. Plain words ("to summarize") are not values.
 */
const identifier = String.raw`"[^"]+"|'[^']+'|[A-Za-z0-9][\w.+-]*@[\w-]+(?:\.[\w-]+)+|[a-z][a-z0-9+.-]*:\/\/[^\s)"']+|[A-Za-z0-9][\w-]*(?:\.[\w-]+)+|[A-Za-z0-9]*[\d_-][\w-]*`;

function clean(value: string): string {
  return value.replace(/^["']|["']$/g, '').replace(/[.,;:]+$/, '');
}

/** The subject's words as a regex, singular or plural: `third_party_api` -> third[\s_-]+party[\s_-]+apis? */
function subjectPattern(subject: string): string {
  const words = subject.split(/_+/).map(escapeRegExp);
  return `${words.join('[\\s_-]+')}s?`;
}

/** Whether the list's subject is the thing its rule acts on ("third-party APIs not on the list"). */
function subjectIsThing(ir: PolicyIR, subject: string): boolean {
  return ir.variables.some(
    (variable) =>
      variable.role === 'activity' &&
      variable.vocabulary.noun !== undefined &&
      sameNoun(variable.vocabulary.noun, subject),
  );
}

/**
 * The value a list subject takes in the text: right after the subject's name ("destination
 * x@y.com", "third-party API api.maps.example"), or, for a subject that is not the thing acted on
 * (a destination), after "to" ("to vendor@partner.com").
 */
export function extractSubjectValue(
  ir: PolicyIR,
  text: string,
  subject: string,
): string | undefined {
  const named = new RegExp(
    `\\b${subjectPattern(subject)}\\s+(?:(?:at|named|called|is)\\s+)?(${identifier})`,
    'i',
  ).exec(text);
  if (named?.[1] !== undefined) return clean(named[1]);
  if (subjectIsThing(ir, subject)) return undefined;
  const to = new RegExp(`\\bto\\s+(?:the\\s+|a\\s+|an\\s+)?(${identifier})`, 'i').exec(text);
  return to?.[1] === undefined ? undefined : clean(to[1]);
}

/**
 * Membership variables of the IR's lists: the subject's value (from `given`, the `name: value`
 * pairs, else from the text) looked up in the list data. No value, or no data for the list,
 * leaves membership unknown.
 */
export function extractMemberships(
  ir: PolicyIR,
  text: string,
  given: Readonly<Record<string, string>>,
  lists: ListData | undefined,
): Finding[] {
  const findings: Finding[] = [];
  for (const list of ir.lists) {
    const name = list.variable;
    const value = given[list.subject] ?? extractSubjectValue(ir, text, list.subject);
    const subject = list.subject.replace(/_/g, ' ');
    if (value === undefined) {
      findings.push({ name, value: undefined, note: `no ${subject} named` });
      continue;
    }
    const entries = lists?.[list.key];
    if (entries === undefined) {
      findings.push({
        name,
        value: undefined,
        note: `${subject} ${value}: no data for the ${list.name} list`,
      });
      continue;
    }
    const on = isOnList(entries, value);
    const verdict = on ? 'is on' : 'is not on';
    findings.push({
      name,
      value: on,
      note: `${subject} ${value} ${verdict} the ${list.name} list`,
    });
  }
  return findings;
}
