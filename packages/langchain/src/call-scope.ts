import { type Guard, resolveWithinDeadline, type TrustedContext } from '@preflight/core';
import type { CallInfo, PreflightOptions } from './preflight-options';

/** The session and trusted context one call is checked in. */
export interface CallScope {
  sessionId: string | undefined;
  context: TrustedContext;
}

/**
 * Works out a call's session (the run's `thread_id`, else the `sessionId` option) and trusted
 * context (the `context` option, else the run's context). Throws when an option function throws,
 * rejects, gives a session that is not a string, or (context) does not answer within the guard's
 * `timeoutMs` (AdapterTimeoutError); the caller turns that into a blocked call.
 * The functions get their own copy of the args: one that holds on to it and changes it later
 * cannot change what the tool runs with.
 */
export async function resolveCallScope(
  call: CallInfo,
  { sessionId, context }: Pick<PreflightOptions, 'sessionId' | 'context'>,
  guard: Pick<Guard, 'timeoutMs'>,
): Promise<CallScope> {
  const info =
    typeof sessionId === 'function' || typeof context === 'function' ? callbackView(call) : call;
  const session =
    call.threadId ?? (typeof sessionId === 'function' ? sessionOf(sessionId(info)) : sessionId);
  const trusted =
    typeof context === 'function'
      ? await resolveWithinDeadline(guard, () => context(info), 'the context function')
      : (context ?? (isPlainObject(call.runContext) ? call.runContext : {}));
  return { sessionId: session, context: trusted };
}

// A non-string session would silently count in the guard's default session: refuse it. A
// promise is refused too (the option is synchronous), and its rejection is caught so that it
// cannot become an unhandled rejection.
function sessionOf(resolved: unknown): string | undefined {
  if (resolved === undefined || typeof resolved === 'string') return resolved;
  if (typeof (resolved as { then?: unknown } | null)?.then === 'function') {
    (resolved as PromiseLike<unknown>).then(undefined, () => {});
    throw new Error('the sessionId function returned a promise instead of a string');
  }
  throw new Error('the sessionId function returned something other than a string');
}

function callbackView(call: CallInfo): CallInfo {
  let args: unknown = call.args;
  try {
    args = structuredClone(call.args);
  } catch {
    // Not plain data (the guard blocks such args): the functions see the original.
  }
  return {
    tool: call.tool,
    args,
    toolCallId: call.toolCallId,
    threadId: call.threadId,
    runContext: call.runContext,
  };
}

/** The LangGraph thread id of a run config (`configurable.thread_id`), if it is a usable string. */
export function threadIdOf(configurable: unknown): string | undefined {
  if (!isPlainObject(configurable)) return undefined;
  const threadId = configurable['thread_id'];
  if (typeof threadId === 'string' && threadId.length > 0) return threadId;
  // Some apps use numeric thread ids; they name the same conversation.
  if (typeof threadId === 'number' && Number.isFinite(threadId)) return String(threadId);
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
