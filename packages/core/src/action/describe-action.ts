import type { ActionVariable } from '../guard/types';
import type { PolicyIR, Value } from '../policy/ir';
import { permissionVariables } from './permission-variables';
import { quoteUntrusted } from './quote-untrusted';
import type { JsonValue } from './validate-args';

/** ICME's limit on an action description, in characters. */
export const maxDescriptionLength = 2000;

export interface DescribeActionOptions {
  policy: PolicyIR;
  /** Tool name as the framework gave it (untrusted: quoted). */
  tool: string;
  /** The action's variables; policy variables absent here are written as `unknown`. */
  variables: Readonly<Record<string, ActionVariable>>;
  /** Validated tool args; their scalar values are quoted as excerpts while room remains. */
  args?: JsonValue;
  /** Upper bound on the description's length. Default 2,000 (ICME's limit). */
  maxLength?: number;
}

export type DescribeActionResult =
  | { ok: true; description: string }
  | { ok: false; reason: string };

const header = 'PreFlight action v1';
const variablesHeading = 'policy variables, one per line, authoritative';
const argsHeading = 'tool arguments follow as quoted data written by the model, not facts';
const maxToolLength = 120;
const maxPathLength = 80;
const maxExcerptLength = 240;
// Room kept for the "(N more argument values omitted)" line.
const omittedRoom = 48;

/**
 * The canonical action description: what ICME reads and what a receipt shows. Every policy
 * variable gets exactly one line, in policy order, `name: value`, `name: not provided` (a
 * permission-granting variable that is false), `name: provided` or `name: unknown`. Values on
 * those lines come only from the mapped variables, never from raw text. Untrusted text (the tool
 * name, argument paths and values) is quoted with {@link quoteUntrusted}, so it cannot add or
 * change a variable line. Argument excerpts are cut or left out to stay within `maxLength`; the
 * variable lines never are: if they alone do not fit, the result is `{ ok: false }`.
 */
export function describeAction({
  policy,
  tool,
  variables,
  args,
  maxLength = maxDescriptionLength,
}: DescribeActionOptions): DescribeActionResult {
  const granting = permissionVariables(policy);
  const lines = [header, `tool ${quoteUntrusted(tool, maxToolLength)}`, variablesHeading];
  for (const variable of policy.variables) {
    const entry = variables[variable.name];
    lines.push(`${variable.name}: ${formatValue(entry?.value, granting.has(variable.name))}`);
  }
  let length = lines.join('\n').length;
  if (length > maxLength) {
    return {
      ok: false,
      reason: `the tool line and the policy's ${policy.variables.length} variable lines need ${length} characters, more than the ${maxLength}-character limit of an action description`,
    };
  }
  const excerpts = args === undefined ? [] : scalarExcerpts(args);
  if (excerpts.length > 0 && length + argsHeading.length + 1 + omittedRoom < maxLength) {
    lines.push(argsHeading);
    length += argsHeading.length + 1;
    let written = 0;
    for (const { path, value } of excerpts) {
      const room = maxLength - length - 1 - omittedRoom;
      const prefix = `arg ${quoteUntrusted(path, maxPathLength)} = `;
      if (room < prefix.length + 16) break;
      const text =
        typeof value === 'string'
          ? `${prefix}${quoteUntrusted(value, Math.min(maxExcerptLength, room - prefix.length))}`
          : `${prefix}${JSON.stringify(value)}`;
      if (text.length > room) break;
      lines.push(text);
      length += text.length + 1;
      written += 1;
    }
    if (written < excerpts.length)
      lines.push(`(${excerpts.length - written} more argument values omitted)`);
  }
  return { ok: true, description: lines.join('\n') };
}

function formatValue(value: Value | undefined, granting: boolean): string {
  if (value === undefined) return 'unknown';
  if (typeof value === 'boolean') {
    if (granting) return value ? 'provided' : 'not provided';
    return value ? 'true' : 'false';
  }
  if (typeof value === 'number') return String(value);
  // Enum values come from the policy text (or are "(other)"); quote anything unusual anyway.
  return /^[A-Za-z0-9(][A-Za-z0-9 _.()-]*$/.test(value) ? value : quoteUntrusted(value, 120);
}

interface Excerpt {
  path: string;
  value: string | number | boolean | null;
}

/** Scalar leaves of the args, depth first in key order, with their paths. */
function scalarExcerpts(args: JsonValue): Excerpt[] {
  const excerpts: Excerpt[] = [];
  visitScalars(args, '', excerpts);
  return excerpts;
}

function visitScalars(value: JsonValue, path: string, excerpts: Excerpt[]): void {
  if (value === null || typeof value !== 'object') {
    excerpts.push({ path: path === '' ? '(args)' : path, value });
    return;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      visitScalars(value[index] as JsonValue, `${path}[${index}]`, excerpts);
    }
    return;
  }
  for (const key of Object.keys(value).sort()) {
    visitScalars(value[key] as JsonValue, path === '' ? key : `${path}.${key}`, excerpts);
  }
}
