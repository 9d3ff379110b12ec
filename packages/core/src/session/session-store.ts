import type { SessionTotals } from '../action/apply-counters';

/** Running totals of a session's counters, keyed by the policy's session variable name. */
export type { SessionTotals };

/**
 * Counter amounts held for one checked tool call until it settles. `totalsBefore` are the
 * session's totals at reservation time, committed and pending (other calls' reservations that
 * have not settled yet) together, so parallel calls in one session cannot over-admit.
 */
export interface SessionReservation {
  readonly id: string;
  readonly sessionId: string;
  /** What this call adds, e.g. `{ session_record_count: 35 }`. */
  readonly deltas: SessionTotals;
  /** Committed plus pending totals of the session just before this reservation. */
  readonly totalsBefore: SessionTotals;
}

/**
 * Where the guard keeps per-session counters. `reserve` must be atomic per session: two
 * concurrent reservations never both see totals without the other. A shared store (Redis,
 * a database row per session) implements the same four methods.
 */
export interface SessionStore {
  /** Committed plus pending totals of a session (zero totals for an unknown session). */
  totals(sessionId: string): Promise<SessionTotals>;
  /** Holds `deltas` as pending and returns the totals before them. */
  reserve(sessionId: string, deltas: SessionTotals): Promise<SessionReservation>;
  /** The tool ran: the reservation's deltas become committed. Idempotent. */
  commit(reservation: SessionReservation): Promise<void>;
  /** The call was blocked or failed: the reservation's deltas are dropped. Idempotent. */
  release(reservation: SessionReservation): Promise<void>;
}
