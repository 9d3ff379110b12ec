import type { SessionReservation, SessionStore, SessionTotals } from './session-store';

interface SessionState {
  committed: Map<string, number>;
  pending: Map<string, SessionTotals>;
}

/**
 * The default {@link SessionStore}: per-process, in memory. Each method does its work
 * synchronously before its promise resolves, so reservations in one process are atomic.
 * Sessions are kept for the life of the store; pending reservations count until they are
 * committed or released, so a call that is never settled keeps counting (the safe direction).
 * Use a shared store when several processes serve one session.
 */
export function createMemorySessionStore(): SessionStore {
  const sessions = new Map<string, SessionState>();
  let nextId = 0;

  const stateOf = (sessionId: string): SessionState => {
    let state = sessions.get(sessionId);
    if (state === undefined) {
      state = { committed: new Map(), pending: new Map() };
      sessions.set(sessionId, state);
    }
    return state;
  };

  const currentTotals = (state: SessionState): Record<string, number> => {
    const totals: Record<string, number> = Object.fromEntries(state.committed);
    for (const deltas of state.pending.values()) {
      for (const [name, amount] of Object.entries(deltas)) {
        totals[name] = (totals[name] ?? 0) + amount;
      }
    }
    return totals;
  };

  return {
    async totals(sessionId) {
      const state = sessions.get(sessionId);
      return state === undefined ? {} : currentTotals(state);
    },
    async reserve(sessionId, deltas) {
      const state = stateOf(sessionId);
      const totalsBefore = currentTotals(state);
      nextId += 1;
      const reservation: SessionReservation = {
        id: `reservation-${nextId}`,
        sessionId,
        deltas: { ...deltas },
        totalsBefore,
      };
      state.pending.set(reservation.id, reservation.deltas);
      return reservation;
    },
    async commit(reservation) {
      const state = sessions.get(reservation.sessionId);
      const deltas = state?.pending.get(reservation.id);
      if (state === undefined || deltas === undefined) return;
      state.pending.delete(reservation.id);
      for (const [name, amount] of Object.entries(deltas)) {
        state.committed.set(name, (state.committed.get(name) ?? 0) + amount);
      }
    },
    async release(reservation) {
      sessions.get(reservation.sessionId)?.pending.delete(reservation.id);
    },
  };
}
