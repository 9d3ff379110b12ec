import type { IcmeVariable } from './parse-smt-variables';

const key = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Maps our policy variable names to the compiled ICME policy's names where they match case-,
 * underscore- and hyphen-insensitively (`approval_token` -> `approvalToken`). A name that
 * matches several ICME variables is left alone: guessing would mislabel evidence.
 */
export function matchIcmeVariableNames(
  ourNames: Iterable<string>,
  icmeVariables: readonly IcmeVariable[],
): Map<string, string> {
  const byKey = new Map<string, string[]>();
  for (const variable of icmeVariables) {
    const list = byKey.get(key(variable.name)) ?? [];
    list.push(variable.name);
    byKey.set(key(variable.name), list);
  }
  const result = new Map<string, string>();
  for (const name of ourNames) {
    const matches = byKey.get(key(name));
    if (matches?.length === 1 && matches[0] !== name) result.set(name, matches[0]!);
  }
  return result;
}

/**
 * Rewrites whole-word occurrences of our variable names in a description to ICME's names, so
 * the extractor sees the compiled policy's exact vocabulary (field lesson: paraphrased names
 * made AR fail closed). Longer names are replaced first so that no name eats part of another.
 */
export function renameVariables(description: string, names: ReadonlyMap<string, string>): string {
  if (names.size === 0) return description;
  const ours = [...names.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\w])(${ours.map(escapeRegExp).join('|')})(?![\\w])`, 'g');
  return description.replace(pattern, (match) => names.get(match) ?? match);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
