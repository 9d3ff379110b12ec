import type { Decision } from '../guard/types';
import { extractIcmeEvidence } from './icme-evidence';
import type { DecisionReceipt } from './receipt-schema';

/**
 * Turns a guard decision into the receipt body that the evidence log signs. Pure: it copies what
 * the decision says, keeps only plain JSON, and never adds engine payloads beyond the ICME ids.
 */
export function buildDecisionReceipt(decision: Decision): DecisionReceipt {
  // Optional members are assigned when present rather than spread in: object spreads in a
  // literal cost a runtime call each, and this runs on every decision.
  const action = decision.action;
  const verdicts: DecisionReceipt['verdicts'] = [];
  const engines: string[] = [];
  let icmePolicyId: string | undefined;
  for (const verdict of decision.verdicts) {
    const receiptVerdict: DecisionReceipt['verdicts'][number] = {
      engine: verdict.engine,
      result: verdict.result,
      violations: verdict.violations.map(violationId),
      unknown: [...verdict.unknown],
    };
    if (verdict.reason !== undefined) receiptVerdict.reason = verdict.reason;
    const icme = extractIcmeEvidence(verdict.details);
    if (icme !== undefined) {
      receiptVerdict.icme = icme;
      icmePolicyId ??= icme.policyId;
    }
    verdicts.push(receiptVerdict);
    if (!engines.includes(verdict.engine)) engines.push(verdict.engine);
  }
  const variables: DecisionReceipt['variables'] = {};
  const source = action?.variables;
  if (source) {
    for (const name of Object.keys(source)) {
      const variable = source[name] as NonNullable<typeof source>[string];
      const copy: DecisionReceipt['variables'][string] = {
        value: variable.value,
        provenance: variable.provenance,
      };
      if (variable.note !== undefined) copy.note = variable.note;
      variables[name] = copy;
    }
  }
  const policy: DecisionReceipt['policy'] = { hash: decision.policyHash };
  if (icmePolicyId !== undefined) policy.icmePolicyId = icmePolicyId;
  const receipt: DecisionReceipt = {
    kind: 'decision',
    receiptId: decision.id,
    session: action?.sessionId ?? null,
    tool: action?.tool ?? null,
    toolCallId: action?.toolCallId ?? null,
    action: action
      ? { digest: action.digest, argsDigest: action.argsDigest, description: action.description }
      : null,
    variables,
    policy,
    engines,
    verdicts,
    mode: decision.mode,
    result: decision.result,
    allowed: decision.allowed,
    wouldAllow: decision.wouldAllow,
    screenedOut: decision.screenedOut,
    reason: decision.reason,
    violations: decision.violations.map(violationRef),
    unknown: [...decision.unknown],
    decidedAt: decision.createdAt,
  };
  if (decision.code !== undefined) receipt.code = decision.code;
  if (decision.wouldAllowWith !== undefined) receipt.wouldAllowWith = [...decision.wouldAllowWith];
  if (decision.permissions !== undefined) receipt.approvals = decision.permissions.map(approval);
  return receipt;
}

function violationId(violation: { id: number }): number {
  return violation.id;
}

function violationRef({ id, text }: { id: number; text: string }): { id: number; text: string } {
  return { id, text };
}

function approval({
  variable,
  ok,
  tokenId,
  approverId,
  reason,
}: NonNullable<Decision['permissions']>[number]): NonNullable<
  DecisionReceipt['approvals']
>[number] {
  const record: NonNullable<DecisionReceipt['approvals']>[number] = { variable, ok };
  if (tokenId !== undefined) record.tokenId = tokenId;
  if (approverId !== undefined) record.approverId = approverId;
  if (reason !== undefined) record.reason = reason;
  return record;
}
