import type { IcmeVariable } from './parse-smt-variables';

const key = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Maps our policy variable names to the compiled ICME policy's names where they match case-,
 * underscore- and hyphen-insensitively (`approval_token` -> `approvalToken`; a name ICME spells
 * the same way maps to itself). A name that matches several ICME variables is left out: guessing
 * would mislabel evidence.
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
    if (matches?.length === 1) result.set(name, matches[0]!);
  }
  return result;
}
