import type { Dispatcher } from 'undici';
import { concatBytes } from '../engine/icme/concat-bytes';
import type {
  IcmeBodySink,
  IcmeTransportRequest,
  IcmeTransportResponse,
} from '../engine/icme/icme-transport';

type Controller = Dispatcher.DispatchController;
type Headers = Record<string, string | string[] | undefined>;

/** Most bytes buffered ahead of a pulling reader before the socket is paused (backpressure). */
const highWaterBytes = 1024 * 1024;
/** A discarded body is read this far (so the connection can be reused), then aborted. */
const discardLimitBytes = 64 * 1024;

/**
 * One request/response over undici's `dispatch` API, as the client's transport response.
 *
 * Why `dispatch` rather than `request`: `request` wraps the body in a Readable stream and follows
 * an abort signal through listeners on both sides; at one check per round trip on a fast local
 * server that showed as a few per cent of a check. Here undici calls this object directly: body
 * chunks go straight to the SSE reader's sink (push mode) or into a queue for `body` (pull mode),
 * and an abort of the call aborts the request through undici's own controller.
 *
 * Chunks that arrive before the reader attaches (headers and first events often share a packet)
 * are queued and replayed to the sink.
 */
export class UndiciExchange implements Dispatcher.DispatchHandler, IcmeTransportResponse {
  status = 0;
  /** True once the whole body has arrived. */
  ended = false;
  private headers: Headers = {};
  private controller: Controller | undefined;
  private started = false;
  private sink: IcmeBodySink | undefined;
  private readonly queue: Uint8Array[] = [];
  private queued = 0;
  private failure: unknown;
  private wake: (() => void) | undefined;
  private discarding = false;
  private discardBudget = discardLimitBytes;
  private onSettled: (() => void) | undefined;
  /** Whether `abortRequest` listens to the call's abort. */
  private following = false;
  /** Aborts the request with the call's abort reason (bound: it is a listener). */
  private readonly abortRequest = this.abortNow.bind(this);

  constructor(
    private readonly request: IcmeTransportRequest,
    private readonly resolve: (response: IcmeTransportResponse) => void,
    private readonly reject: (error: unknown) => void,
    private readonly classify: (error: unknown) => unknown,
  ) {}

  // --- undici's side -------------------------------------------------------------------------

  onRequestStart(controller: Controller): void {
    this.controller = controller;
    if (this.following) return; // undici may start a request again after a pipelining error
    const source = this.request.abortNotice ?? this.request.signal;
    if (source.aborted) {
      this.abortRequest();
      return;
    }
    if (this.request.abortNotice) this.request.abortNotice.on('abort', this.abortRequest);
    else this.request.signal.addEventListener('abort', this.abortRequest, { once: true });
    this.following = true;
  }

  onResponseStart(_controller: Controller, statusCode: number, headers: Headers): void {
    this.status = statusCode;
    this.headers = headers;
    this.started = true;
    this.resolve(this);
  }

  onResponseData(controller: Controller, chunk: Uint8Array): void {
    if (this.discarding) {
      this.discardBudget -= chunk.byteLength;
      if (this.discardBudget < 0) controller.abort(new Error('response discarded'));
      return;
    }
    if (this.sink) {
      this.sink.chunk(chunk);
      return;
    }
    this.queue.push(chunk);
    this.queued += chunk.byteLength;
    if (this.queued > highWaterBytes) controller.pause();
    this.notify();
  }

  onResponseEnd(): void {
    this.ended = true;
    this.settle();
    if (this.discarding) return;
    if (this.sink) this.sink.end();
    else this.notify();
  }

  onResponseError(_controller: Controller, error: Error): void {
    const failure = this.classify(error);
    this.settle();
    if (!this.started) {
      this.reject(failure);
      return;
    }
    if (this.discarding) return;
    this.failure = failure;
    if (this.sink) this.sink.error(failure);
    else this.notify();
  }

  // --- the client's side ---------------------------------------------------------------------

  header(name: string): string | null {
    const value = this.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  complete(): boolean {
    return this.ended;
  }

  deliverTo(sink: IcmeBodySink): void {
    this.sink = sink;
    const early = this.queue.splice(0);
    this.queued = 0;
    for (const chunk of early) sink.chunk(chunk);
    this.resumeIfPaused();
    if (this.ended) sink.end();
    else if (this.failure !== undefined) sink.error(this.failure);
  }

  get body(): AsyncIterableIterator<Uint8Array> {
    return this;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array> {
    return this;
  }

  /** Pull mode: everything that arrived since the last read, as one chunk. */
  async next(): Promise<IteratorResult<Uint8Array>> {
    while (this.queue.length === 0 && !this.ended && this.failure === undefined) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    const { queue } = this;
    if (queue.length > 0) {
      const value = queue.length === 1 ? queue[0]! : concatBytes(queue, this.queued);
      queue.length = 0;
      this.queued = 0;
      this.resumeIfPaused();
      return { done: false, value };
    }
    if (this.failure !== undefined) throw this.failure;
    return { done: true, value: undefined };
  }

  /**
   * A reader stopped early (`break` or a throw in `for await`, e.g. over a size limit): abort the
   * rest at once rather than reading on, since it may trickle until a timeout.
   */
  async return(): Promise<IteratorResult<Uint8Array>> {
    this.sink = undefined;
    this.queue.length = 0;
    this.queued = 0;
    if (!this.ended && this.failure === undefined && !this.discarding) {
      this.discarding = true;
      this.controller?.abort(new Error('response body abandoned by its reader'));
    }
    return { done: true, value: undefined };
  }

  /** Drops the rest of the body: read on up to 64 KiB so the connection stays usable, else abort. */
  discard(): Promise<void> {
    this.sink = undefined;
    this.queue.length = 0;
    this.queued = 0;
    if (this.ended || this.failure !== undefined || this.discarding) return Promise.resolve();
    this.discarding = true;
    this.resumeIfPaused();
    return new Promise((resolve) => {
      this.onSettled = resolve;
    });
  }

  private abortNow(): void {
    const source = this.request.abortNotice ?? this.request.signal;
    this.controller?.abort(
      source.reason instanceof Error ? source.reason : new Error('request aborted'),
    );
  }

  private resumeIfPaused(): void {
    if (this.controller?.paused) this.controller.resume();
  }

  private notify(): void {
    const resolve = this.wake;
    this.wake = undefined;
    resolve?.();
  }

  /** The exchange is over (end or error): stop following the call's abort, release waiters. */
  private settle(): void {
    if (this.following) {
      this.following = false;
      const notice = this.request.abortNotice;
      if (notice) notice.removeListener('abort', this.abortRequest);
      else this.request.signal.removeEventListener('abort', this.abortRequest);
    }
    const settled = this.onSettled;
    this.onSettled = undefined;
    settled?.();
  }
}
