import type { Decision, TrustedContext } from '@preflight/core';

/**
 * The parts of an AI SDK tool (ai 6 or ai 7) the adapter reads or replaces. Every `Tool` of
 * either major is assignable to it; the adapter keeps every other field as it is.
 */
// biome-ignore lint/suspicious/noExplicitAny: inputs, outputs and options are typed per tool by the SDK.
type AnyValue = any;

export interface GuardableTool {
  type?: string;
  isProviderExecuted?: boolean;
  execute?: ((input: AnyValue, options: AnyValue) => unknown) | undefined;
  toModelOutput?:
    | ((options: { toolCallId: string; input: AnyValue; output: AnyValue }) => unknown)
    | undefined;
}

/** What the adapter knows about one tool call when it asks for the session or trusted context. */
export interface GuardedCallInfo {
  toolName: string;
  toolCallId: string;
  /** The parsed tool input, written by the model (untrusted). */
  input: unknown;
  /**
   * The app's context for this tool: ai 7 `toolsContext[toolName]` (the tool's `context`),
   * ai 6 `experimental_context`. Set by the app, never by the model.
   */
  toolContext: unknown;
  /** ai 7 `runtimeContext`; only the `toolApproval` path sees it (execute does not get it). */
  runtimeContext?: unknown;
  /** Which adapter path is deciding. */
  path: 'execute' | 'approval';
}

/** One decision, as `onDecision` reports it. */
export interface GuardedDecisionEvent {
  toolName: string;
  toolCallId: string;
  decision: Decision;
  /** Which path made the decision (a decision is made once per toolCallId and shared). */
  path: 'execute' | 'approval';
}

/** Codes of the warnings the adapter reports (bypasses and misconfiguration). */
export type GuardWarningCode =
  /** The tool has no `execute`: the app or UI runs it, the guard never sees the call. */
  | 'TOOL_WITHOUT_EXECUTE'
  /** The provider runs the tool on its servers: the guard never sees the call. */
  | 'PROVIDER_EXECUTED_TOOL'
  /** The tool was already wrapped by `guardTools`; it is not wrapped twice. */
  | 'ALREADY_GUARDED'
  /** `policyApproval` approved a call of a tool that `guardTools` did not wrap. */
  | 'APPROVAL_WITHOUT_GUARDED_TOOL'
  /** Something on the adapter's side failed (context function, hook); the call was blocked. */
  | 'ADAPTER_FAILURE';

export interface GuardWarning {
  code: GuardWarningCode;
  toolName: string;
  message: string;
}

/** Options of `guardTools` and `policyApproval`. Every field is optional. */
export interface GuardToolsOptions {
  /**
   * Session (conversation, thread) of the calls; the guard's counters accumulate per session.
   * A string, or a function of the call. Default: `sessionId` of the tool context if it is a
   * string (ai 7 `toolsContext[tool].sessionId`, ai 6 `experimental_context.sessionId`), else
   * the guard's default session.
   */
  sessionId?: string | ((call: GuardedCallInfo) => string | undefined);
  /**
   * The app's trusted context for the guard: permission tokens a human supplied, user identity.
   * An object, or a (possibly async) function of the call. Default: the tool context when it is
   * an object (see `GuardedCallInfo.toolContext`), else `{}`. A function that throws or returns a
   * non-object blocks the call.
   */
  context?:
    | TrustedContext
    | ((call: GuardedCallInfo) => TrustedContext | PromiseLike<TrustedContext>);
  /**
   * Observes every decision (logging, metrics, UI). Called once per decision; errors it throws
   * are swallowed. Default: none.
   */
  onDecision?: (event: GuardedDecisionEvent) => void;
  /**
   * Receives bypass and misconfiguration warnings (tools the guard cannot see, adapter
   * failures). Default: `console.warn` with a `[preflight]` prefix.
   */
  onWarning?: (warning: GuardWarning) => void;
  /**
   * Where the receipt goes in the tool result: 'blocked' only in the denial a blocked call
   * returns; 'always' also wraps allowed results as `{ __preflight, output }` (unwrapped again
   * before the model sees them; changes `toolResults[].output` for your code). Default 'blocked'.
   */
  receiptInOutput?: 'blocked' | 'always';
  /**
   * Write decision attributes and events on the active OpenTelemetry span (the SDK's
   * `execute_tool` span) when `@opentelemetry/api` is installed. Default true.
   */
  telemetry?: boolean;
}
