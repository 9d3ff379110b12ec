import type { ToolMessage } from '@langchain/core/messages';
import {
  AdapterTimeoutError,
  type Decision,
  describeError,
  formatDenial,
  type Guard,
} from '@preflight/core';
import { blockedToolMessage } from './blocked-tool-message';
import { type CallScope, resolveCallScope } from './call-scope';
import { checkToolCall, failedCheck } from './check-tool-call';
import type { CallInfo, PreflightOptions } from './preflight-options';
import { settleBlocked } from './settle-call';
import { createTracedCheck } from './traced-check';

/** One call as an adapter intercepts it, before its tool runs. */
export interface InterceptedCall extends CallInfo {
  /** The run's abort signal: aborting it aborts the engine's work (and blocks the call). */
  signal: AbortSignal | undefined;
  /** The run config the tool was invoked with, when there is one (parent of the check's run). */
  parentConfig?: unknown;
  /**
   * Why the call could not be read (a getter threw, the tool to run is not the tool called):
   * the guard is not asked, and the call gets the decision of a guard that could not decide.
   */
  unreadable?: string;
}

/** Either the call may run (with its decision, to settle afterwards) or its stand-in result. */
export type CallVerdict =
  | { allowed: true; decision: Decision }
  | { allowed: false; decision: Decision; message: ToolMessage };

/** Decides one intercepted call. Never throws. */
export type CallDecider = (call: InterceptedCall) => Promise<CallVerdict>;

/**
 * The decision step both entry points share: resolve the call's session and trusted context,
 * check it (traced as `preflight.check`), and for a block settle the decision and build the error
 * `ToolMessage`. Every failure on the way, from an option function to the guard itself, ends in
 * a blocked verdict.
 */
export function createCallDecider(
  guard: Guard,
  { sessionId, context, trace = true, formatBlockedMessage: format }: PreflightOptions,
): CallDecider {
  const traced = createTracedCheck(trace);

  return async function decideCall(call) {
    let scope: CallScope | undefined;
    let failure = call.unreadable;
    let timedOut = false;
    if (failure === undefined) {
      try {
        scope = await resolveCallScope(call, { sessionId, context }, guard);
      } catch (error) {
        failure = `the trusted context or session could not be resolved: ${describeError(error)}`;
        timedOut = error instanceof AdapterTimeoutError;
      }
    }
    const decision = await traced(
      {
        tool: call.tool,
        toolCallId: call.toolCallId,
        sessionId: scope?.sessionId,
        args: call.args,
        contextKeys: keysOf(scope?.context),
      },
      async () => {
        if (scope === undefined) {
          return failedCheck(
            guard,
            failure ?? 'no call scope',
            timedOut ? 'GUARD_TIMEOUT' : undefined,
          );
        }
        return checkToolCall(
          guard,
          {
            tool: call.tool,
            args: call.args,
            toolCallId: call.toolCallId,
            ...(scope.sessionId === undefined ? {} : { sessionId: scope.sessionId }),
          },
          scope.context,
          call.signal === undefined ? {} : { signal: call.signal },
        );
      },
      call.parentConfig,
    );
    if (decision.allowed === true) return { allowed: true, decision };
    await settleBlocked(guard, decision);
    return {
      allowed: false,
      decision,
      message: blockedToolMessage(decision, call, blockedText(decision, call.tool, format)),
    };
  };
}

function blockedText(
  decision: Decision,
  tool: string,
  format: PreflightOptions['formatBlockedMessage'],
): string {
  if (format !== undefined) {
    try {
      const text: unknown = format(decision, tool);
      if (typeof text === 'string' && text.length > 0) return text;
      // An async formatter is not supported (the message is built synchronously); one that
      // rejects must not become an unhandled rejection: the default text stands in.
      if (isThenable(text)) text.then(undefined, () => {});
    } catch {
      // A broken formatter must not turn a block into a crash: fall back to the default text.
    }
  }
  try {
    return formatDenial(decision, tool);
  } catch {
    return `PreFlight blocked this call: the tool "${tool}" did not run.`;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function keysOf(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.keys(value) : [];
}
