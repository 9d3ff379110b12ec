/** A fault injected into the next request(s) of an endpoint. */
export type StandInFault =
  | { kind: 'status'; status: number; body?: unknown; retryAfter?: string }
  /** Sends the head and part of the stream, then destroys the socket. */
  | { kind: 'cut' }
  /** Holds the response this long before answering normally. */
  | { kind: 'delay'; ms: number }
  /** Sends the head, then stays silent (a stalled stream). */
  | { kind: 'stall' }
  /** Destroys the socket right after the terminal event. */
  | { kind: 'reset-after-done' };
