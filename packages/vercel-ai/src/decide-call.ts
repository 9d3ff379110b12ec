import {
  AdapterTimeoutError,
  type Decision,
  describeError,
  type Guard,
  guardFailureDecision,
  isDecision,
  type Outcome,
  resolveWithinDeadline,
  settleQuietly,
  type TrustedContext,
} from '@preflight/core';
import type { GuardedCallInfo, GuardToolsOptions, GuardWarning } from './guard-tools-options';

export interface DecideCallRequest {
  guard: Guard;
  options: GuardToolsOptions;
  call: GuardedCallInfo;
  warn: (warning: GuardWarning) => void;
  signal?: AbortSignal | undefined;
}

/**
 * Asks the guard about one call: resolves the session and the trusted context from the options
 * (or the app's tool context), runs `guard.check`, and reports the decision. Never throws or
 * rejects: a failure on the adapter's side (a context function that throws) is a blocked
 * decision made here, with code GUARD_INTERNAL and result ERROR (GUARD_TIMEOUT when the context
 * function did not answer within the guard's `timeoutMs`).
 */
export async function decideCall({
  guard,
  options,
  call,
  warn,
  signal,
}: DecideCallRequest): Promise<Decision> {
  const started = performance.now();
  let decision: Decision;
  try {
    const sessionId = resolveSessionId(options, call);
    const context = await resolveContext(guard, options, call);
    decision = await guard.check(
      {
        tool: call.toolName,
        args: call.input,
        toolCallId: call.toolCallId,
        ...(sessionId === undefined ? {} : { sessionId }),
      },
      context,
      signal === undefined ? undefined : { signal },
    );
    if (!isDecision(decision)) throw new Error('the guard returned no decision');
  } catch (error) {
    const why = `the policy check could not run: ${describeError(error)}`;
    warn({ code: 'ADAPTER_FAILURE', toolName: call.toolName, message: `Blocked: ${why}.` });
    decision = guardFailureDecision({
      guard,
      why,
      totalMs: performance.now() - started,
      code: error instanceof AdapterTimeoutError ? 'GUARD_TIMEOUT' : 'GUARD_INTERNAL',
    });
    adapterDecisions.add(decision);
  }
  if (options.onDecision !== undefined) {
    try {
      const pending: unknown = options.onDecision({
        toolName: call.toolName,
        toolCallId: call.toolCallId,
        decision,
        path: call.path,
      });
      // An async hook that rejects must not become an unhandled rejection (which ends the
      // process on Node's default settings): swallowed like a throw.
      if (isThenable(pending)) pending.then(undefined, () => {});
    } catch {
      // Observability only: a failing hook never changes a decision.
    }
  }
  return decision;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * The session a call will be checked in, for matching a cached decision to its call. `null`
 * when it cannot be resolved (the `sessionId` function throws or returns a non-string): the call
 * then matches no cached decision, and `decideCall` blocks it.
 */
export function sessionOfCall(
  options: GuardToolsOptions,
  call: GuardedCallInfo,
): string | undefined | null {
  try {
    return resolveSessionId(options, call);
  } catch {
    return null;
  }
}

function resolveSessionId(options: GuardToolsOptions, call: GuardedCallInfo): string | undefined {
  const { sessionId } = options;
  if (typeof sessionId === 'string') return sessionId;
  if (typeof sessionId === 'function') {
    const resolved = sessionId(call);
    if (resolved !== undefined && typeof resolved !== 'string') {
      throw new Error('the sessionId function returned something other than a string');
    }
    return resolved;
  }
  const fromContext = isRecord(call.toolContext) ? call.toolContext['sessionId'] : undefined;
  return typeof fromContext === 'string' && fromContext !== '' ? fromContext : undefined;
}

// An async context function is bounded by the guard's own deadline: one that never settles
// blocks the call (GUARD_TIMEOUT) instead of hanging the agent loop.
async function resolveContext(
  guard: Guard,
  options: GuardToolsOptions,
  call: GuardedCallInfo,
): Promise<TrustedContext> {
  const { context } = options;
  const resolved =
    typeof context === 'function'
      ? await resolveWithinDeadline(guard, () => context(call), 'the context function')
      : (context ?? (isRecord(call.toolContext) ? call.toolContext : {}));
  if (!isRecord(resolved)) throw new Error('the trusted context is not an object');
  return resolved;
}

const adapterDecisions = new WeakSet<Decision>();

/**
 * `guard.settle` that never rejects, for a decision the guard made. One the adapter made itself
 * (the guard never saw it) has nothing to settle.
 */
export async function settleDecision(
  guard: Guard,
  decision: Decision,
  outcome: Outcome,
): Promise<void> {
  if (!adapterDecisions.has(decision)) await settleQuietly(guard, decision, outcome);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
