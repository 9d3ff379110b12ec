import type { PolicyIR, Value } from '../policy';
import type { Finding } from './extract-finding';
import { escapeRegExp } from './extract-regex';
import { extractValue } from './extract-value';

/** Unquoted words after an attribute name that are not its value ("classification of the file"). */
const notValues: ReadonlySet<string> = new Set(
  'a an the of to is are was be and or with for in on at by from level levels'.split(' '),
);

/**
 * The values written for one attribute: `classification "restricted"`, `classification: standard`,
 * `classification = x`, `classification is x`, `with classification restricted`, and
 * `restricted classification`. A quoted value or one after `:`/`=`/`is` is taken as written; a
 * bare word only when it is one of the policy's values, so that "classification levels" does not
 * read as a value.
 */
function writtenValues(text: string, attribute: string, named: readonly string[]): string[] {
  const name = attribute
    .trim()
    .split(/[\s_-]+/)
    .map(escapeRegExp)
    .join('[\\s_-]+');
  const found: string[] = [];
  const after = new RegExp(
    `\\b${name}\\b\\s*(?:(:|=|\\bis\\b)\\s*)?(?:"([^"]+)"|'([^']+)'|“([^”]+)”|([A-Za-z][\\w-]*))`,
    'gi',
  );
  for (const match of text.matchAll(after)) {
    const quoted = match[2] ?? match[3] ?? match[4];
    if (quoted !== undefined) {
      found.push(quoted);
      continue;
    }
    const bare = match[5] ?? '';
    if (notValues.has(bare.toLowerCase())) continue;
    const explicit = match[1] !== undefined;
    if (explicit || named.some((value) => value.toLowerCase() === bare.toLowerCase())) {
      found.push(bare);
    }
  }
  for (const value of named) {
    const before = new RegExp(`["“']?\\b${escapeRegExp(value)}\\b["”']?[\\s_-]+${name}\\b`, 'i');
    if (before.test(text)) found.push(value);
  }
  return found;
}

/**
 * Attribute (enum) variables from their written values. Different values for the same attribute
 * leave it unknown: the text contradicts itself.
 */
export function extractAttributes(ir: PolicyIR, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const variable of ir.variables) {
    if (variable.type !== 'enum') continue;
    const attribute = variable.vocabulary.attribute ?? variable.name;
    const written = writtenValues(text, attribute, variable.values);
    if (written.length === 0) continue;
    const read = written.map((value) => extractValue(variable, value));
    const values = new Set<Value | undefined>(read.map((entry) => entry.value));
    const { name } = variable;
    const [first] = read;
    if (values.size === 1 && first !== undefined) {
      findings.push({ name, value: first.value, note: `${attribute} ${first.reason}` });
    } else {
      const list = written.map((value) => `"${value}"`).join(', ');
      findings.push({ name, value: undefined, note: `${attribute} written as ${list}` });
    }
  }
  return findings;
}
