import type { Value } from '../../policy/ir';
import { matchEnumLiteral } from './match-enum-literal';
import type { IcmeVariable } from './parse-smt-variables';

export interface RewriteVariableLinesOptions {
  /** The canonical action description (see `describeAction`). Required. */
  description: string;
  /** Our variables' values (the action's), for enum values: a variable absent here is unknown,
   * so a line reading `unknown` is never taken for an enum value of that name. Required. */
  values: Readonly<Record<string, Value>>;
  /** Our variable name -> the compiled policy's, for every variable ICME knows (identical names
   * included). Lines of other variables are left alone. Required. */
  icmeNames: ReadonlyMap<string, string>;
  /** The compiled policy's variables by name, for their sorts and enum codes. Default none: names
   * are rewritten, values are not. */
  icmeVariables?: ReadonlyMap<string, IcmeVariable>;
}

/** An enum value written as it was because no ICME literal matches it. */
export interface UnmatchedEnumValue {
  /** Our variable name. */
  variable: string;
  value: string;
  reason: string;
}

export interface RewrittenDescription {
  description: string;
  unmatchedEnumValues: UnmatchedEnumValue[];
}

// `name: value`. Only variable lines have this shape: the canonical description quotes every
// untrusted text (tool name, argument paths and values) behind `tool "` or `arg "` and escapes
// colons inside it, so no model-written text can start a line like this.
const variableLine = /^([A-Za-z_][\w.]*): (.*)$/;

/**
 * Puts the action description in the compiled policy's own vocabulary, on the variable lines
 * only (field lesson: paraphrased names and values made ICME's AR layer fail closed):
 * - our variable name becomes ICME's (`approval_token` -> `approvalToken`);
 * - an enum value becomes ICME's literal (`outside workspace` ->
 *   `TransmissionDestination_OUTSIDE_WORKSPACE`, see {@link matchEnumLiteral}); without a unique
 *   literal it stays as written and is listed in `unmatchedEnumValues`;
 * - `provided` / `not provided` of a variable ICME declares `Bool` becomes `true` / `false`.
 *
 * Everything else (header, tool line, quoted tool arguments) is returned verbatim: it is
 * untrusted model text, and rewriting it would change the data the checker reads.
 */
export function rewriteVariableLines({
  description,
  values,
  icmeNames,
  icmeVariables = new Map(),
}: RewriteVariableLinesOptions): RewrittenDescription {
  const unmatchedEnumValues: UnmatchedEnumValue[] = [];
  const lines = description.split('\n').map((line) => {
    const match = variableLine.exec(line);
    const ours = match?.[1];
    const theirs = ours === undefined ? undefined : icmeNames.get(ours);
    if (ours === undefined || theirs === undefined) return line;
    const written = match![2]!;
    const value = Object.hasOwn(values, ours) ? values[ours] : undefined;
    const variable = icmeVariables.get(theirs);
    let rewritten = written;
    if (variable?.type === 'Bool' && (written === 'provided' || written === 'not provided')) {
      rewritten = written === 'provided' ? 'true' : 'false';
    } else if (typeof value === 'string' && variable !== undefined) {
      const literal = variable.enumValues
        ? matchEnumLiteral(value, variable.enumValues)
        : undefined;
      if (literal !== undefined && written === value) rewritten = literal;
      else {
        unmatchedEnumValues.push({
          variable: ours,
          value,
          reason: !variable.enumValues
            ? `ICME's ${theirs} (${variable.type}) lists no enum codes`
            : literal === undefined
              ? `no single literal of ICME's ${theirs} matches`
              : 'the line does not show the value as is',
        });
      }
    }
    return `${theirs}: ${rewritten}`;
  });
  return { description: lines.join('\n'), unmatchedEnumValues };
}
