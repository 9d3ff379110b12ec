export { createMemorySessionStore } from './memory-session-store';
// SessionTotals is exported by ../action (one declaration for both folders).
export type { SessionReservation, SessionStore } from './session-store';
