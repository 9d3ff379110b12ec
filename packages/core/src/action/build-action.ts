import { digestJson } from '../crypto';
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
  // The digest covers the facts (value and provenance), not the explanatory notes.
  const facts: Record<string, { value: Value; provenance: string }> = {};
  for (const [name, variable] of Object.entries(variables)) {
    assignment[name] = variable.value;
    facts[name] = { value: variable.value, provenance: variable.provenance };
  }
  const action: Action = {
    tool,
    toolCallId,
    sessionId,
    variables,
    description: described.description,
    digest: digestJson(actionDigestTag, { tool, variables: facts, argsDigest }),
    argsDigest,
    assignment,
    ...(unresolved === undefined || Object.keys(unresolved).length === 0 ? {} : { unresolved }),
  };
  return { ok: true, action };
}
