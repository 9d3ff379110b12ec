import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { Assignment, Variable } from '@preflight/core';
import { toDecimalLiteral } from './ir-to-cedar';

/** A Cedar request, built once per decision input outside the timed loop. */
export type CedarRequest = cedar.StatefulAuthorizationCall;

/** The Cedar baseline: a preparsed policy set, asked through `statefulIsAuthorized`. */
export type CedarEngine = {
  /** The request for a fully assigned input: every variable becomes a `context` attribute. */
  request: (assignment: Assignment) => CedarRequest;
  /** Cedar's decision; throws when Cedar reports an error (an erroring forbid would be skipped). */
  decide: (request: CedarRequest) => { allowed: boolean; forbids: string[] };
  /** The timed call: one `statefulIsAuthorized`, reduced to allow/deny. */
  isAllowed: (request: CedarRequest) => boolean;
};

/**
 * Preparses `policies` (Cedar text or policies by id) under `policySetId` in cedar-wasm's
 * thread-local cache. Requests name a fixed principal, action and resource: the policies only
 * read `context`, as our rules only read the assignment.
 */
export function createCedarEngine(
  policySetId: string,
  policies: string | Record<string, string>,
  variables: readonly Variable[],
): CedarEngine {
  const parsed = cedar.preparsePolicySet(policySetId, { staticPolicies: policies });
  if (parsed.type !== 'success') {
    throw new Error(`Cedar policy set ${policySetId} does not parse: ${describe(parsed.errors)}`);
  }
  const reals = new Set(variables.filter((v) => v.type === 'real').map((v) => v.name));
  const request = (assignment: Assignment): CedarRequest => {
    // Built in one go (fast properties, like the evaluator's inputs), not key by key.
    const context: cedar.Context = Object.fromEntries(
      Object.entries(assignment).map(([name, value]) => [
        name,
        reals.has(name) && typeof value === 'number'
          ? { __extn: { fn: 'decimal', arg: toDecimalLiteral(value) } }
          : value,
      ]),
    );
    return {
      principal: { type: 'Agent', id: 'agent' },
      action: { type: 'Action', id: 'tool-call' },
      resource: { type: 'Tool', id: 'tool' },
      context,
      preparsedPolicySetId: policySetId,
      entities: [],
    };
  };
  const decide = (call: CedarRequest) => {
    const answer = cedar.statefulIsAuthorized(call);
    if (answer.type !== 'success') throw new Error(`Cedar failed: ${describe(answer.errors)}`);
    const { decision, diagnostics } = answer.response;
    if (diagnostics.errors.length > 0) {
      throw new Error(`Cedar policy errors: ${JSON.stringify(diagnostics.errors)}`);
    }
    const forbids = decision === 'deny' ? diagnostics.reason : [];
    return { allowed: decision === 'allow', forbids };
  };
  const isAllowed = (call: CedarRequest) => {
    const answer = cedar.statefulIsAuthorized(call);
    return answer.type === 'success' && answer.response.decision === 'allow';
  };
  return { request, decide, isAllowed };
}

function describe(errors: readonly cedar.DetailedError[]): string {
  return errors.map((error) => error.message).join('; ');
}

/** Cedar's version, for the report. */
export function cedarVersion(): string {
  return cedar.getCedarVersion();
}

/**
 * Splits Cedar policy text into policies keyed by their `@id("...")` annotation, so that Cedar's
 * diagnostics name rules as the text does (cedar-wasm numbers text policies `policy0`...).
 */
export function policiesById(text: string): Record<string, string> {
  const parts = cedar.policySetTextToParts(text);
  if (parts.type !== 'success')
    throw new Error(`Cedar text does not parse: ${describe(parts.errors)}`);
  const byId: Record<string, string> = {};
  for (const [index, policy] of parts.policies.entries()) {
    const id = /@id\("([^"]+)"\)/.exec(policy)?.[1] ?? `policy${index}`;
    byId[id] = policy;
  }
  return byId;
}
