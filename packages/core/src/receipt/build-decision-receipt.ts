import type { Decision } from '../guard/types';
import { extractIcmeEvidence } from './icme-evidence';
import type { DecisionReceipt } from './receipt-schema';

/**
 * Turns a guard decision into the receipt body that the evidence log signs. Pure: it copies what
 * the decision says, keeps only plain JSON, and never adds engine payloads beyond the ICME ids.
 */
export function buildDecisionReceipt(decision: Decision): DecisionReceipt {
  const action = decision.action;
  const verdicts = decision.verdicts.map((verdict) => {
    const icme = extractIcmeEvidence(verdict.details);
    return {
      engine: verdict.engine,
      result: verdict.result,
      violations: verdict.violations.map((violation) => violation.id),
      unknown: [...verdict.unknown],
      ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
      ...(icme === undefined ? {} : { icme }),
    };
  });
  const icmePolicyId = verdicts.find((verdict) => verdict.icme?.policyId)?.icme?.policyId;
  const variables: DecisionReceipt['variables'] = {};
  for (const [name, variable] of Object.entries(action?.variables ?? {})) {
    variables[name] = {
      value: variable.value,
      provenance: variable.provenance,
      ...(variable.note === undefined ? {} : { note: variable.note }),
    };
  }
  return {
    kind: 'decision',
    receiptId: decision.id,
    session: action?.sessionId ?? null,
    tool: action?.tool ?? null,
    toolCallId: action?.toolCallId ?? null,
    action: action
      ? { digest: action.digest, argsDigest: action.argsDigest, description: action.description }
      : null,
    variables,
    policy: {
      hash: decision.policyHash,
      ...(icmePolicyId === undefined ? {} : { icmePolicyId }),
    },
    engines: [...new Set(decision.verdicts.map((verdict) => verdict.engine))],
    verdicts,
    mode: decision.mode,
    result: decision.result,
    allowed: decision.allowed,
    wouldAllow: decision.wouldAllow,
    screenedOut: decision.screenedOut,
    reason: decision.reason,
    ...(decision.code === undefined ? {} : { code: decision.code }),
    violations: decision.violations.map(({ id, text }) => ({ id, text })),
    unknown: [...decision.unknown],
    ...(decision.wouldAllowWith === undefined
      ? {}
      : { wouldAllowWith: [...decision.wouldAllowWith] }),
    ...(decision.permissions === undefined
      ? {}
      : {
          approvals: decision.permissions.map(({ variable, ok, tokenId, approverId, reason }) => ({
            variable,
            ok,
            ...(tokenId === undefined ? {} : { tokenId }),
            ...(approverId === undefined ? {} : { approverId }),
            ...(reason === undefined ? {} : { reason }),
          })),
        }),
    decidedAt: decision.createdAt,
  };
}
