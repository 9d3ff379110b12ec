import type { TrustedContext } from '@preflight/core';
import type { CallInfo, PreflightOptions } from './preflight-options';

/** The session and trusted context one call is checked in. */
export interface CallScope {
  sessionId: string | undefined;
  context: TrustedContext;
}

/**
 * Works out a call's session (the run's `thread_id`, else the `sessionId` option) and trusted
 * context (the `context` option, else the run's context). Throws only when an option function
 * throws; the caller turns that into a blocked call.
 */
export async function resolveCallScope(
  call: CallInfo,
  { sessionId, context }: Pick<PreflightOptions, 'sessionId' | 'context'>,
): Promise<CallScope> {
  const fallbackSession = typeof sessionId === 'function' ? sessionId(call) : sessionId;
  const session = call.threadId ?? fallbackSession;
  const trusted =
    typeof context === 'function'
      ? await context(call)
      : (context ?? (isPlainObject(call.runContext) ? call.runContext : {}));
  return { sessionId: session, context: trusted };
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
