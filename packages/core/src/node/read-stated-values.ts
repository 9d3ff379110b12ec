import type { IcmeVariable } from '../engine/icme/parse-smt-variables';

/** The values an action's `name: value` lines state for the compiled policy's variables. */
export function readStatedValues(
  action: string,
  variables: ReadonlyMap<string, IcmeVariable>,
): Record<string, boolean | number> {
  const values: Record<string, boolean | number> = {};
  for (const line of action.split('\n')) {
    const [, name, text] = /^([A-Za-z_][\w.]*): (.*)$/.exec(line) ?? [];
    const variable = name === undefined ? undefined : variables.get(name);
    if (!variable || text === undefined) continue;
    if (variable.type === 'Bool') {
      if (text === 'true' || text === 'provided') values[variable.name] = true;
      if (text === 'false' || text === 'not provided') values[variable.name] = false;
    } else if (variable.enumValues && Object.hasOwn(variable.enumValues, text)) {
      values[variable.name] = variable.enumValues[text]!;
    } else if (/^-?\d+(\.\d+)?$/.test(text)) {
      values[variable.name] = Number(text);
    }
  }
  return values;
}
