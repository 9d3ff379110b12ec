import { digestJson } from '../crypto';
import { sha256Hex } from '../crypto/digest';
import type { Action, ActionVariable } from '../guard/types';
import type { PolicyIR, Value } from '../policy/ir';
import { describeAction } from './describe-action';
import type { JsonValue } from './validate-args';

/** Domain tag of action digests. */
export const actionDigestTag = 'preflight.action.v1';

export interface BuildActionOptions {
  policy: PolicyIR;
  tool: string;
  toolCallId: string;
  sessionId: string;
  variables: Readonly<Record<string, ActionVariable>>;
  /** Validated args, for the description's quoted excerpts. */
  args: JsonValue;
  /** Digest of the args from `validateArgs`. */
  argsDigest: string;
  unresolved?: Readonly<Record<string, string>>;
  /** Upper bound on the description. Default 2,000 (ICME's limit). */
  maxDescriptionLength?: number;
}

/**
 * Assembles an {@link Action}: the variables with provenance, their plain assignment, the
 * canonical description and the action digest: `preflight.action.v1` over
 * `{ tool, variables: { name: { value, provenance } }, argsDigest }` (notes left out: they
 * explain, they are not facts). `{ ok: false }` when the variable lines alone exceed the
 * description limit.
 */
export function buildAction({
  policy,
  tool,
  toolCallId,
  sessionId,
  variables,
  args,
  argsDigest,
  unresolved,
  maxDescriptionLength,
}: BuildActionOptions): { ok: true; action: Action } | { ok: false; reason: string } {
  const described = describeAction({
    policy,
    tool,
    variables,
    args,
    ...(maxDescriptionLength === undefined ? {} : { maxLength: maxDescriptionLength }),
  });
  if (!described.ok) return described;
  const assignment: Record<string, Value> = {};
  for (const [name, variable] of Object.entries(variables)) assignment[name] = variable.value;
  const action: Action = {
    tool,
    toolCallId,
    sessionId,
    variables,
    description: described.description,
    digest: actionDigest(tool, variables, argsDigest),
    argsDigest,
    assignment,
    ...(unresolved === undefined || Object.keys(unresolved).length === 0 ? {} : { unresolved }),
  };
  return { ok: true, action };
}

/**
 * `digestJson(actionDigestTag, { tool, variables: { name: { value, provenance } }, argsDigest })`
 * (notes left out: they explain, they are not facts), written out directly: the keys of the
 * top level and of each fact are fixed, so only the variable names need sorting. Anything but a
 * boolean, finite number or string value and a string provenance takes the generic path.
 */
export function actionDigest(
  tool: string,
  variables: Readonly<Record<string, ActionVariable>>,
  argsDigest: string,
): string {
  if (typeof tool !== 'string' || typeof argsDigest !== 'string')
    return genericActionDigest(tool, variables, argsDigest);
  // Top-level keys in RFC 8785 order: argsDigest < tool < variables.
  let json = `{"argsDigest":${JSON.stringify(argsDigest)},"tool":${JSON.stringify(tool)},"variables":{`;
  const names = Object.keys(variables).sort();
  for (let index = 0; index < names.length; index += 1) {
    const name = names[index] as string;
    const { value, provenance } = variables[name] as ActionVariable;
    const written = plainValue(value);
    if (written === undefined || typeof provenance !== 'string')
      return genericActionDigest(tool, variables, argsDigest);
    if (index > 0) json += ',';
    json += `${JSON.stringify(name)}:{"provenance":${JSON.stringify(provenance)},"value":${written}}`;
  }
  return `sha256:${sha256Hex(`${actionDigestTag}\n${json}}}`)}`;
}

function plainValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? String(value) : undefined;
    case 'string':
      return JSON.stringify(value);
    default:
      return undefined;
  }
}

// The reference form, for anything unusual (it also refuses what is not JSON by throwing).
function genericActionDigest(
  tool: string,
  variables: Readonly<Record<string, ActionVariable>>,
  argsDigest: string,
): string {
  const facts: Record<string, { value: Value; provenance: string }> = {};
  for (const [name, variable] of Object.entries(variables)) {
    facts[name] = { value: variable.value, provenance: variable.provenance };
  }
  return digestJson(actionDigestTag, { tool, variables: facts, argsDigest });
}
