import { type Decision, type Guard, snapshotInput } from '@preflight/core';

/** Decisions kept per guard, waiting for the execute path to pick them up. */
export const MAX_CACHED_DECISIONS = 1000;

interface Entry {
  toolName: string;
  /** Session the decision was made in: a colliding toolCallId from another session is another call. */
  sessionId: string | undefined;
  /**
   * Args digest of the input the decision was made for (the guard's own canonical digest, over a
   * plain copy: `toJSON` and getters cannot imitate another input); other input is a new check.
   */
  fingerprint: string;
  decision: Promise<Decision>;
}

/**
 * One decision per toolCallId, shared by `policyApproval` (which decides first in ai 7) and the
 * guarded `execute` (which picks the decision up instead of checking again, so counters are
 * reserved once and the receipt is written once). Bounded: the oldest entry is dropped first,
 * and an allowed decision dropped before its tool ran is settled as not run. toolCallIds are
 * not trusted to be unique: another tool, input or session under the same id is another call.
 */
export interface DecisionCache {
  /**
   * Remembers the decision of a call (in flight or done). `sessionId` is the session the
   * adapter resolved for it (undefined: the guard's default session).
   */
  put(
    toolName: string,
    toolCallId: string,
    input: unknown,
    decision: Promise<Decision>,
    sessionId?: string,
  ): void;
  /** The remembered decision for exactly this call, if any, without removing it. */
  peek(
    toolName: string,
    toolCallId: string,
    input: unknown,
    sessionId?: string,
  ): Promise<Decision> | undefined;
  /** Takes the remembered decision for exactly this call (the execute path): used once. */
  take(
    toolName: string,
    toolCallId: string,
    input: unknown,
    sessionId?: string,
  ): Promise<Decision> | undefined;
}

const caches = new WeakMap<Guard, DecisionCache>();

/** The cache of `guard`, shared by every adapter created for it. */
export function decisionCacheFor(guard: Guard): DecisionCache {
  let cache = caches.get(guard);
  if (cache === undefined) {
    cache = createDecisionCache(guard, MAX_CACHED_DECISIONS);
    caches.set(guard, cache);
  }
  return cache;
}

/** A bounded decision cache for `guard` (exported for tests). */
export function createDecisionCache(guard: Guard, maxEntries: number): DecisionCache {
  const entries = new Map<string, Entry>();

  function find(
    toolName: string,
    toolCallId: string,
    input: unknown,
    sessionId: string | undefined,
  ): Entry | undefined {
    const entry = entries.get(toolCallId);
    if (entry === undefined) return undefined;
    // A reused toolCallId with another tool, session or input is another call: never reuse.
    if (entry.toolName !== toolName || entry.sessionId !== sessionId) return undefined;
    const fingerprint = fingerprintOf(input);
    if (fingerprint === undefined) return undefined;
    return entry.fingerprint === fingerprint ? entry : undefined;
  }

  return {
    put(toolName, toolCallId, input, decision, sessionId) {
      const fingerprint = fingerprintOf(input);
      if (fingerprint === undefined) return;
      const previous = entries.get(toolCallId);
      if (previous !== undefined) {
        entries.delete(toolCallId);
        if (previous.decision !== decision) settleUnused(guard, previous.decision);
      }
      entries.set(toolCallId, { toolName, sessionId, fingerprint, decision });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as string;
        const dropped = entries.get(oldest);
        entries.delete(oldest);
        if (dropped !== undefined) settleUnused(guard, dropped.decision);
      }
    },
    peek(toolName, toolCallId, input, sessionId) {
      return find(toolName, toolCallId, input, sessionId)?.decision;
    },
    take(toolName, toolCallId, input, sessionId) {
      const entry = find(toolName, toolCallId, input, sessionId);
      if (entry === undefined) return undefined;
      entries.delete(toolCallId);
      return entry.decision;
    },
  };
}

// An allowed decision holds session counters until settled; one whose tool never ran releases them.
function settleUnused(guard: Guard, decision: Promise<Decision>): void {
  decision.then(
    (settled) => {
      if (settled.allowed) void guard.settle(settled, { ran: false, ok: false }).catch(() => {});
    },
    () => {},
  );
}

// JSON.stringify would let `toJSON`, NaN (as null) or array holes imitate another input.
function fingerprintOf(input: unknown): string | undefined {
  const snapshot = snapshotInput(input);
  return snapshot.ok ? snapshot.digest : undefined;
}
