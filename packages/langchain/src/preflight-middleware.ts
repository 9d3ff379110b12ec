import type { ToolMessage } from '@langchain/core/messages';
import { type Decision, describeError, formatDenial, type Guard } from '@preflight/core';
import { createMiddleware, type ToolCallRequest } from 'langchain';
import { blockedToolMessage } from './blocked-tool-message';
import { threadIdOf } from './call-scope';
import { failedCheck } from './check-tool-call';
import { type ReadToolCall, readToolCall } from './checked-tool-call';
import { type CallDecider, createCallDecider } from './decide-call';
import { isGuardedTool } from './guarded-tool';
import type { PreflightMiddlewareOptions } from './preflight-options';
import { receiptConfig } from './receipt-config';
import { runAllowedCall } from './settle-call';
import { mustPropagate, toolErrorMessage } from './tool-error-message';

/**
 * The PreFlight guard as `createAgent` middleware: every tool call is checked before its tool
 * runs (`wrapToolCall`).
 *
 * - Blocked: the tool never runs; the agent gets an error `ToolMessage` whose content names the
 *   violated rules (the model reads it and the run continues) and whose `artifact.preflight`
 *   holds the decision's record and signed receipt (kept in state, never sent to the model).
 * - Allowed: the tool runs unchanged, with `metadata.preflight_receipt` and the tag
 *   `preflight:allowed` on its tool run; the guard then settles the outcome (session counters).
 * - Each check is also a `preflight.check` child run in LangSmith (see `trace`).
 * - The session is the run's `thread_id`; the trusted context is the run's `context`.
 * - Nothing thrown by the guard or by an option reaches `agent.invoke`: it becomes a block.
 * - An error thrown by an allowed tool becomes the error `ToolMessage` LangChain makes without
 *   middleware (see `toolErrors`), so the model can recover; interrupts still propagate.
 *
 * Put it last in `middleware` so that it is the innermost layer, next to the tool: nothing
 * inside it can run the tool unchecked, and a retry middleware outside it re-checks each retry.
 *
 * @example
 * const agent = createAgent({ model, tools, middleware: [preflightMiddleware(guard)] });
 * await agent.invoke({ messages }, { configurable: { thread_id: 'support-42' }, context: { authorization_token } });
 */
export function preflightMiddleware(guard: Guard, options: PreflightMiddlewareOptions = {}) {
  const { name = 'PreflightGuard', toolErrors = 'message', ...callOptions } = options;
  const decide = createCallDecider(guard, callOptions);
  return createMiddleware({
    name,
    wrapToolCall: async function preflightWrapToolCall(request, handler) {
      const prepared = await prepare(request, guard, decide);
      if ('blocked' in prepared) return prepared.blocked;
      return runAllowedCall(guard, prepared.decision, async () => {
        try {
          return await handler(prepared.request);
        } catch (error) {
          if (toolErrors === 'rethrow' || mustPropagate(error, request.runtime?.signal)) {
            throw error;
          }
          return toolErrorMessage(error, prepared.call);
        }
      });
    },
  });
}

// biome-ignore lint/suspicious/noExplicitAny: any agent state and context.
type AnyToolCallRequest = ToolCallRequest<any, any>;

type Prepared<R> =
  | { blocked: ToolMessage }
  | { decision: Decision; request: R; call: { tool: string; toolCallId: string } };

// Everything before the tool runs. It cannot throw: a failure anywhere is a blocked call (or, in
// shadow mode, a call that runs recorded as one the guard would not allow).
async function prepare<R extends AnyToolCallRequest>(
  request: R,
  guard: Guard,
  decide: CallDecider,
): Promise<Prepared<R>> {
  // The tool call is read once; the guard checks that copy and the tool runs with it.
  const read = readToolCall(request?.toolCall);
  const { tool } = read;
  const toolCallId = read.toolCallId ?? `preflight-${globalThis.crypto.randomUUID()}`;
  try {
    const verdict = await decide({
      tool,
      args: read.ok ? read.args : undefined,
      toolCallId,
      threadId: threadIdOf(request.runtime?.configurable),
      runContext: request.runtime?.context,
      signal: request.runtime?.signal,
      ...unreadable(read, request.tool),
    });
    if (!verdict.allowed) return { blocked: verdict.message };
    const checked = read.ok
      ? { ...request, toolCall: read.toolCall as unknown as R['toolCall'] }
      : request;
    return {
      decision: verdict.decision,
      request: withReceipt(checked, guard, verdict.decision),
      call: { tool, toolCallId },
    };
  } catch (error) {
    // `decide` never throws; this keeps that promise even if a future change breaks it.
    const decision = failedCheck(guard, `the PreFlight middleware failed: ${describeError(error)}`);
    if (decision.allowed === true) return { decision, request, call: { tool, toolCallId } };
    const content = formatDenial(decision, tool);
    return { blocked: blockedToolMessage(decision, { tool, toolCallId }, content) };
  }
}

/**
 * Why the call cannot be checked as read, if so: a tool call that could not be read, or a request
 * whose tool (what the handler runs) is not the tool the call names (what the guard checks).
 */
function unreadable(read: ReadToolCall, requestTool: unknown): { unreadable?: string } {
  if (!read.ok) return { unreadable: read.reason };
  let name: unknown;
  try {
    name = (requestTool as { name?: unknown } | undefined)?.name;
  } catch (error) {
    return { unreadable: `the tool's name could not be read: ${describeError(error)}` };
  }
  if (typeof name === 'string' && name !== read.tool) {
    return {
      unreadable: `the tool to run ("${name}") is not the tool called ("${read.tool}")`,
    };
  }
  return {};
}

/**
 * The request with the receipt bound to its tool (metadata on the tool run). A tool wrapped by
 * `guardTools` with this same guard is unwrapped, so the call is not checked (and counted, and
 * its single-use approval token spent) twice. A tool that cannot take a config (a dynamic tool
 * the agent did not register, a server tool) runs as it is.
 */
function withReceipt<R extends AnyToolCallRequest>(
  request: R,
  guard: Guard,
  decision: Decision,
): R {
  const original = request.tool;
  const tool = isGuardedTool(original) && original.guard === guard ? original.unguarded : original;
  const bindable = tool as { withConfig?: (config: unknown) => unknown } | undefined;
  if (typeof bindable?.withConfig !== 'function') {
    return tool === original ? request : { ...request, tool: tool as R['tool'] };
  }
  try {
    const bound = bindable.withConfig(receiptConfig(decision)) as R['tool'];
    return { ...request, tool: bound };
  } catch {
    // The receipt is also in the `preflight.check` run; running the tool matters more.
    return tool === original ? request : { ...request, tool: tool as R['tool'] };
  }
}
