import type { Decision, Guard } from '@preflight/core';

/**
 * The blocked decision the adapter uses when the guard itself failed: it threw, returned
 * something that is not a decision, or the app's `context` / `sessionId` option threw. Fail
 * closed: result ERROR, code GUARD_INTERNAL, never allowed (also in shadow mode, since no guard
 * decided anything).
 */
export function failureDecision(guard: Guard, reason: string): Decision {
  return {
    id: globalThis.crypto.randomUUID(),
    allowed: false,
    wouldAllow: false,
    mode: 'enforce',
    result: 'ERROR',
    code: 'GUARD_INTERNAL',
    reason: `Blocked: ${reason}.`,
    violations: [],
    unknown: [],
    screenedOut: false,
    verdicts: [],
    policyHash: safePolicyHash(guard),
    timings: { totalMs: 0 },
    createdAt: new Date().toISOString(),
  };
}

/** A message for any thrown value, without trusting its `toString`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return 'unprintable error';
  }
}

function safePolicyHash(guard: Guard): string {
  try {
    return typeof guard.policyHash === 'string' ? guard.policyHash : 'unknown';
  } catch {
    return 'unknown';
  }
}
