import { type Decision, describeError, type Guard, snapshotInput } from '@preflight/core';
import { decideCall, sessionOfCall, settleDecision } from './decide-call';
import { decisionCacheFor } from './decision-cache';
import { guardOf } from './guard-tools';
import type { GuardToolsOptions } from './guard-tools-options';
import { denialReasonFor, preflightReceiptOf } from './preflight-output';
import { warnerFor } from './warn';

/** The statuses an ai 7 `toolApproval` function may return (structurally, `ToolApprovalStatus`). */
export type PolicyApprovalStatus =
  | undefined
  | 'not-applicable'
  | 'approved'
  | 'denied'
  | 'user-approval'
  | { type: 'not-applicable' }
  | { type: 'approved' | 'denied' | 'user-approval'; reason?: string };

/** What ai 7 passes a generic `toolApproval` function (the parts PreFlight reads). */
export interface PolicyApprovalRequest {
  toolCall: { toolCallId: string; toolName: string; input: unknown };
  tools?: Readonly<Record<string, unknown>> | undefined;
  toolsContext?: unknown;
  runtimeContext?: unknown;
  messages?: unknown;
}

/** A generic `toolApproval` function for ai 7 (`generateText`, `streamText`, `ToolLoopAgent`). */
export type PolicyApprovalFunction = (
  request: PolicyApprovalRequest,
) => Promise<Exclude<PolicyApprovalStatus, string | undefined>>;

/** Options of `policyApproval`: those of `guardTools`, plus how to answer and what to compose. */
export interface PolicyApprovalOptions extends GuardToolsOptions {
  /**
   * What an allowed call returns: 'approved' records an automatic approval part (with the
   * receipt id as its reason) in the step content and message history; 'not-applicable' leaves
   * no trace there. Default 'approved'.
   */
  onAllow?: 'approved' | 'not-applicable';
  /**
   * Your own approval function, asked first; the stricter answer wins (denied, then
   * user-approval, then approved, then not-applicable). If it throws, the call is denied.
   * Default: none.
   */
  compose?: (
    request: PolicyApprovalRequest,
  ) => PolicyApprovalStatus | PromiseLike<PolicyApprovalStatus>;
}

const strictness = { denied: 3, 'user-approval': 2, approved: 1, 'not-applicable': 0 } as const;

/**
 * A `toolApproval` function (ai 7) that asks the guard: UNSAT (or any block) is
 * `{ type: 'denied', reason }`, so the SDK emits its native denial (`tool-output-denied` in
 * streams, `output-denied` in UIs) and the model reads `execution-denied`. It never throws: any
 * failure is a denial. Use it together with `guardTools`: both share one decision per
 * toolCallId, so the policy is evaluated once and the guarded `execute` settles the outcome.
 * No OpenTelemetry span is active while approvals run, so for denied calls the receipt travels
 * in the reason text and in `onDecision` only.
 *
 * @example
 * const result = await generateText({
 *   model, prompt,
 *   tools: guardTools(tools, guard),
 *   toolApproval: policyApproval(guard),
 * });
 */
export function policyApproval(
  guard: Guard,
  options: PolicyApprovalOptions = {},
): PolicyApprovalFunction {
  const warn = warnerFor(options);
  const cache = decisionCacheFor(guard);
  const { onAllow = 'approved', compose } = options;

  async function decide(request: PolicyApprovalRequest): Promise<Decision | string> {
    const toolCall = request?.toolCall;
    if (typeof toolCall?.toolName !== 'string' || typeof toolCall.toolCallId !== 'string') {
      return 'the tool call has no name or id';
    }
    const { toolName, toolCallId } = toolCall;
    // Read once: the guard decides on, and the cache is keyed by, the same plain copy.
    const snapshot = snapshotInput(toolCall.input);
    const input = snapshot.ok ? snapshot.input : toolCall.input;
    const toolsContext = request.toolsContext;
    const call = {
      toolName,
      toolCallId,
      input,
      toolContext: isRecord(toolsContext) ? toolsContext[toolName] : undefined,
      runtimeContext: request.runtimeContext,
      path: 'approval' as const,
    };
    const sessionId = sessionOfCall(options, call);
    const cached =
      sessionId === null ? undefined : cache.peek(toolName, toolCallId, input, sessionId);
    if (cached !== undefined) return cached;
    const pending = decideCall({ guard, options, warn, call });
    // A call whose session cannot be resolved is blocked by decideCall; nothing to share.
    if (sessionId !== null) cache.put(toolName, toolCallId, input, pending, sessionId);
    const decision = await pending;
    if (!decision.allowed) {
      await settleDecision(guard, decision, { ran: false, ok: false });
    } else if (guardOf(request.tools?.[toolName]) !== guard) {
      // Nothing will report this call's outcome: count it as run, the safe side for limits.
      warn({
        code: 'APPROVAL_WITHOUT_GUARDED_TOOL',
        toolName,
        message: `policyApproval approved a call of "${toolName}", which guardTools did not wrap with this guard; its outcome is recorded as run without being observed.`,
      });
      if (sessionId !== null) cache.take(toolName, toolCallId, input, sessionId);
      await settleDecision(guard, decision, { ran: true, ok: true });
    }
    return decision;
  }

  return async function preflightToolApproval(request) {
    let own: PolicyApprovalStatus;
    try {
      own = compose === undefined ? undefined : await compose(request);
    } catch (error) {
      return { type: 'denied', reason: `Your approval function failed: ${describeError(error)}` };
    }
    let ours: Exclude<PolicyApprovalStatus, string | undefined>;
    try {
      const decision = await decide(request);
      ours = typeof decision === 'string' ? denial(decision) : statusFor(decision, onAllow);
    } catch (error) {
      ours = denial(`the policy check could not run: ${describeError(error)}`);
    }
    return stricter(normalize(own), ours);
  };
}

function statusFor(
  decision: Decision,
  onAllow: 'approved' | 'not-applicable',
): Exclude<PolicyApprovalStatus, string | undefined> {
  const receiptId = decision.receipt?.id ?? decision.id;
  if (!decision.allowed) {
    return {
      type: 'denied',
      reason: `${denialReasonFor(preflightReceiptOf(decision))} (PreFlight receipt ${receiptId})`,
    };
  }
  return onAllow === 'approved'
    ? { type: 'approved', reason: `PreFlight ${decision.result}, receipt ${receiptId}` }
    : { type: 'not-applicable' };
}

function denial(why: string): { type: 'denied'; reason: string } {
  return {
    type: 'denied',
    reason: `The tool did not run: PreFlight policy check. Blocked: ${why}.`,
  };
}

function normalize(
  status: PolicyApprovalStatus,
): Exclude<PolicyApprovalStatus, string | undefined> {
  if (status === undefined) return { type: 'not-applicable' };
  if (typeof status === 'string') {
    return status === 'not-applicable' ? { type: 'not-applicable' } : { type: status };
  }
  if (typeof status === 'object' && status !== null && status.type in strictness) return status;
  return { type: 'denied', reason: 'Your approval function returned an unknown status.' };
}

function stricter(
  a: Exclude<PolicyApprovalStatus, string | undefined>,
  b: Exclude<PolicyApprovalStatus, string | undefined>,
): Exclude<PolicyApprovalStatus, string | undefined> {
  return strictness[a.type] > strictness[b.type] ? a : b;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
