import { buildDecisionReceipt, type Decision, type DecisionReceipt } from '@preflight/core';

/**
 * A decision as it travels with the run: the receipt body the evidence log signs (tool, action
 * digest and description, variables with provenance, policy hash, engines, result, violated
 * rules) plus, when the guard has a recorder, the signed receipt itself. Plain JSON.
 */
export interface PreflightRecord extends DecisionReceipt {
  /** The durable record: id, sequence number in the evidence log and the signed envelope. */
  signed?: { id: string; seq?: number; envelope?: unknown };
}

/**
 * What an allowed call carries in its tool run's metadata (`preflight_receipt`): small, so it
 * stays within trace metadata limits and holds no args.
 */
export interface PreflightReceiptMetadata {
  receiptId: string;
  seq?: number;
  result: Decision['result'];
  allowed: boolean;
  wouldAllow: boolean;
  mode: Decision['mode'];
  policyHash: string;
  actionDigest?: string;
}

/** The full record of a decision, for `ToolMessage.artifact` and the `preflight.check` run. */
export function decisionRecord(decision: Decision): PreflightRecord {
  const body = receiptBody(decision);
  const receipt = decision.receipt;
  if (receipt === undefined) return body;
  return {
    ...body,
    signed: {
      id: receipt.id,
      ...(receipt.seq === undefined ? {} : { seq: receipt.seq }),
      ...(receipt.envelope === undefined ? {} : { envelope: receipt.envelope }),
    },
  };
}

/** The compact receipt reference for a tool run's metadata. */
export function receiptMetadata(decision: Decision): PreflightReceiptMetadata {
  return {
    receiptId: decision.receipt?.id ?? decision.id,
    ...(decision.receipt?.seq === undefined ? {} : { seq: decision.receipt.seq }),
    result: decision.result,
    allowed: decision.allowed,
    wouldAllow: decision.wouldAllow,
    mode: decision.mode,
    policyHash: decision.policyHash,
    ...(decision.action === undefined ? {} : { actionDigest: decision.action.digest }),
  };
}

// A decision from a custom guard may be oddly shaped; its record must still be plain JSON and
// building it must never throw on the way to a blocked ToolMessage.
function receiptBody(decision: Decision): DecisionReceipt {
  try {
    return buildDecisionReceipt(decision);
  } catch {
    return {
      kind: 'decision',
      receiptId: String(decision.id),
      session: null,
      tool: null,
      toolCallId: null,
      action: null,
      variables: {},
      policy: { hash: String(decision.policyHash) },
      engines: [],
      verdicts: [],
      mode: decision.mode === 'shadow' ? 'shadow' : 'enforce',
      result: decision.result,
      allowed: decision.allowed === true,
      wouldAllow: decision.wouldAllow === true,
      screenedOut: decision.screenedOut === true,
      reason: String(decision.reason),
      ...(decision.code === undefined ? {} : { code: String(decision.code) }),
      violations: [],
      unknown: [],
      decidedAt: String(decision.createdAt),
    };
  }
}
