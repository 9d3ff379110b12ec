import {
  type Decision,
  type DecisionResult,
  permissionHint,
  type ReceiptRef,
  type Violation,
} from '@preflight/core';

/** The key under which a tool result carries the decision and its receipt. */
export const PREFLIGHT_OUTPUT_KEY = '__preflight';

/** The decision and receipt as they travel in a tool result (JSON, survives UI round-trips). */
export interface PreflightReceipt {
  blocked: boolean;
  decisionId: string;
  result: DecisionResult;
  mode: Decision['mode'];
  /** One readable sentence: why allowed or blocked. */
  reason: string;
  code?: string;
  violations: Violation[];
  /** Permission variables that would make a blocked call pass (for an approval request). */
  wouldAllowWith?: string[];
  policyHash: string;
  /** The durable record (id, sequence number, signed envelope) when a recorder is configured. */
  receipt?: ReceiptRef;
}

/** What a blocked call returns instead of running: the model sees only an `execution-denied`. */
export interface BlockedToolOutput {
  [PREFLIGHT_OUTPUT_KEY]: PreflightReceipt & { blocked: true };
}

/** An allowed result with its receipt, when `receiptInOutput` is 'always'. */
export interface ReceiptedToolOutput<OUTPUT = unknown> {
  [PREFLIGHT_OUTPUT_KEY]: PreflightReceipt;
  output: OUTPUT;
}

/** The receipt part of a decision, as carried in tool results. */
export function preflightReceiptOf(decision: Decision): PreflightReceipt {
  return {
    blocked: !decision.allowed,
    decisionId: decision.id,
    result: decision.result,
    mode: decision.mode,
    reason: decision.reason,
    ...(decision.code === undefined ? {} : { code: decision.code }),
    violations: decision.violations,
    ...(decision.wouldAllowWith === undefined ? {} : { wouldAllowWith: decision.wouldAllowWith }),
    policyHash: decision.policyHash,
    ...(decision.receipt === undefined ? {} : { receipt: decision.receipt }),
  };
}

/** The output a blocked call returns. */
export function blockedOutput(decision: Decision): BlockedToolOutput {
  return { [PREFLIGHT_OUTPUT_KEY]: { ...preflightReceiptOf(decision), blocked: true } };
}

/** Whether a tool result (e.g. `steps[].toolResults[].output`) is a PreFlight denial. */
export function isBlockedOutput(output: unknown): output is BlockedToolOutput {
  const receipt = receiptField(output);
  return receipt !== undefined && receipt['blocked'] === true;
}

/** Whether a tool result is an allowed result wrapped with its receipt (`receiptInOutput`). */
export function isReceiptedOutput(output: unknown): output is ReceiptedToolOutput {
  const receipt = receiptField(output);
  return receipt !== undefined && receipt['blocked'] === false && 'output' in (output as object);
}

/** The decision and receipt a tool result carries, if any (blocked, or wrapped allowed). */
export function readPreflightReceipt(output: unknown): PreflightReceipt | undefined {
  return isBlockedOutput(output) || isReceiptedOutput(output)
    ? output[PREFLIGHT_OUTPUT_KEY]
    : undefined;
}

/**
 * What the model reads when a call is blocked: the guard's reason (it names the violated rules)
 * and how the call could pass. Permission values come from the app, so the model is told that
 * writing them into tool arguments does not help.
 */
export function denialReasonFor(
  receipt: Pick<PreflightReceipt, 'reason' | 'wouldAllowWith' | 'violations'>,
): string {
  const reason = typeof receipt.reason === 'string' ? receipt.reason : 'Blocked by policy.';
  const hint = permissionHint(receipt.wouldAllowWith);
  return `The tool did not run: PreFlight policy check. ${reason}${hint === undefined ? '' : ` ${hint}`}`;
}

function receiptField(output: unknown): Record<string, unknown> | undefined {
  if (typeof output !== 'object' || output === null) return undefined;
  const receipt = (output as Record<string, unknown>)[PREFLIGHT_OUTPUT_KEY];
  return typeof receipt === 'object' && receipt !== null
    ? (receipt as Record<string, unknown>)
    : undefined;
}
