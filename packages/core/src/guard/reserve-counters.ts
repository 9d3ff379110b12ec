import { describeError } from '../adapter/describe-error';
import type { PolicyIR } from '../policy/ir';
import type { SessionReservation, SessionStore } from '../session/session-store';
import type { ActionVariable } from './types';

/**
 * Session accounting for one call: reserves what the call adds to each session counter and sets
 * each session total (`session_record_count`) to the totals before it, pending calls included,
 * plus this call's count (provenance `session`). A counter whose per-call count is unknown leaves
 * its total unknown (noted in `unresolved`) and reserves nothing. Mutates `variables` and
 * `unresolved`; never throws.
 */
export async function reserveCounters(
  policy: PolicyIR,
  store: SessionStore,
  sessionId: string,
  variables: Record<string, ActionVariable>,
  unresolved: Record<string, string>,
): Promise<{ ok: true; reservation?: SessionReservation } | { ok: false; reason: string }> {
  const deltas: Record<string, number> = {};
  for (const counter of policy.counters) {
    const count = variables[counter.actionVariable]?.value;
    if (typeof count === 'number') {
      deltas[counter.sessionVariable] = (deltas[counter.sessionVariable] ?? 0) + count;
    } else {
      unresolved[counter.sessionVariable] =
        `this call's ${counter.unit} count (${counter.actionVariable}) is unknown`;
    }
  }
  if (Object.keys(deltas).length === 0) return { ok: true };
  let reservation: SessionReservation;
  try {
    reservation = await store.reserve(sessionId, deltas);
  } catch (error) {
    return {
      ok: false,
      reason: `the session store could not reserve counters: ${describeError(error)}`,
    };
  }
  for (const [name, delta] of Object.entries(deltas)) {
    const before = reservation.totalsBefore[name] ?? 0;
    variables[name] = {
      value: before + delta,
      provenance: 'session',
      note: `${before} earlier in the session (pending calls included) + ${delta} in this call`,
    };
  }
  return { ok: true, reservation };
}
