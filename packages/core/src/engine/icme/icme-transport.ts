/**
 * The seam between the ICME client and the network. The client speaks only this small interface,
 * so it runs over `fetch` (edge runtimes, msw in tests) or over undici's keep-alive pool
 * (`createUndiciTransport` in `@preflight/core/node`).
 */

/** One HTTP request as the client issues it. */
export interface IcmeTransportRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Frozen and shared between calls with the same headers: copy it to add or change one. */
  headers: Readonly<Record<string, string>>;
  /** JSON text for POST requests. */
  body?: string;
  /** Aborted on the caller's abort or the call's overall deadline. */
  signal: AbortSignal;
  /**
   * The same abort state as `signal`, as an EventEmitter-shaped notice (undici accepts it as its
   * `signal` option). The client sets it and creates `signal` lazily, only when a transport reads
   * it: a fresh `AbortSignal` with a listener costs tens of microseconds per request on Node 20.
   * Optional so that hand-made requests need not provide it; transports then use `signal`.
   */
  abortNotice?: IcmeAbortNotice;
  /** Longest wait for the response headers, in milliseconds. */
  headersTimeoutMs: number;
  /** Longest silence between two body chunks, in milliseconds (SSE keep-alives reset it). */
  bodyTimeoutMs: number;
}

/**
 * An abort notice in the shape undici accepts for `signal` (a Node EventEmitter with `aborted`
 * and `reason`): listeners of the `abort` event run once when the call is aborted.
 */
export interface IcmeAbortNotice {
  readonly aborted: boolean;
  readonly reason: unknown;
  on(event: 'abort', listener: () => void): unknown;
  once(event: 'abort', listener: () => void): unknown;
  removeListener(event: 'abort', listener: () => void): unknown;
}

/** The response head and a streaming body. */
export interface IcmeTransportResponse {
  status: number;
  /** Header lookup, case-insensitive; `null` when absent. */
  header(name: string): string | null;
  /** The body, chunk by chunk. Read it at most once. */
  body: AsyncIterable<Uint8Array>;
  /** Releases an unread or partly read body; never rejects. */
  discard(): Promise<void>;
  /**
   * Optional: whether the whole body has arrived (not necessarily read yet). After the terminal
   * event the SSE reader then returns at once instead of waiting a short grace for the end of the
   * stream (see `readIcmeStream`). Transports without it get the grace.
   */
  complete?(): boolean;
  /**
   * Optional push mode: hands the body to `sink` as it arrives, each chunk synchronously, instead
   * of through `body`. A response is read one way or the other, once. Why: a stream of small
   * events read through an async iterator costs a promise and a resumption per chunk; pushed, the
   * whole stream costs one promise (the SSE reader prefers this when present).
   */
  deliverTo?(sink: IcmeBodySink): void;
}

/**
 * Sends one request. Implementations reject with a `PreflightError` (`ICME_NETWORK` with
 * `details.sent: false` when the request provably never left, `ICME_TIMEOUT` for their own
 * timeouts) or with any other error, which the client treats as a network failure after sending.
 */
/** Receives a response body pushed chunk by chunk (see {@link IcmeTransportResponse.deliverTo}). */
export interface IcmeBodySink {
  chunk(bytes: Uint8Array): void;
  end(): void;
  error(error: unknown): void;
}

export type IcmeTransport = (request: IcmeTransportRequest) => Promise<IcmeTransportResponse>;

/** A `fetch`-compatible function (globalThis.fetch, undici's fetch, a test double). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
