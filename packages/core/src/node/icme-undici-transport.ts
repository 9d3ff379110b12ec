import type { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { Agent } from 'undici';
import type {
  IcmeBodySink,
  IcmeTransport,
  IcmeTransportResponse,
} from '../engine/icme/icme-transport';
import { unsentErrorCodes } from '../engine/icme/unsent-error-codes';
import { PreflightError } from '../errors';

export interface UndiciTransportOptions {
  /** Idle keep-alive sockets are kept this long (undici also honours the server's hint). Default 30 000 ms. */
  keepAliveTimeoutMs?: number;
  /** TCP + TLS connect timeout. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** Most sockets per origin (parallel checks beyond this queue in the pool). Default 32. */
  connections?: number;
  /** Use this dispatcher instead of creating one (e.g. a shared Agent or a MockAgent). */
  dispatcher?: Agent;
}

/** An undici transport; `close()` releases its sockets (call it when the app shuts down). */
export interface UndiciTransport extends IcmeTransport {
  close(): Promise<void>;
}

/** Most parsed URLs remembered per transport. */
const maxTargets = 256;

const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * The Node transport of the ICME client: undici's `request` over a keep-alive Agent, with connect,
 * headers and body (idle) timeouts. Faster than `fetch` and reuses sockets across checks.
 *
 * @example
 * const transport = createUndiciTransport();
 * const client = createIcmeClient({ apiKey, transport });
 */
export function createUndiciTransport({
  keepAliveTimeoutMs = 30_000,
  connectTimeoutMs = 10_000,
  connections = 32,
  dispatcher,
}: UndiciTransportOptions = {}): UndiciTransport {
  const agent =
    dispatcher ??
    new Agent({
      keepAliveTimeout: keepAliveTimeoutMs,
      connections,
      connect: { timeout: connectTimeoutMs },
    });
  // Parsed request targets: the client calls the same few URLs over and over.
  const targets = new Map<string, { origin: string; path: string }>();
  const target = (href: string) => {
    let known = targets.get(href);
    if (!known) {
      const url = new URL(href);
      known = { origin: url.origin, path: `${url.pathname}${url.search}` };
      if (targets.size >= maxTargets) targets.clear(); // proof URLs are one-off: stay bounded
      targets.set(href, known);
    }
    return known;
  };
  const send: IcmeTransport = async function undiciTransport(request) {
    const { origin, path } = target(request.url);
    let response: UndiciResponseData;
    try {
      response = await agent.request({
        origin,
        path,
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
        // undici takes an EventEmitter-shaped signal; the client's notice avoids creating an
        // AbortSignal per request (see CallAbort).
        signal: (request.abortNotice as EventEmitter | undefined) ?? request.signal,
        headersTimeout: request.headersTimeoutMs,
        bodyTimeout: request.bodyTimeoutMs,
      });
    } catch (error) {
      throw classify(error);
    }
    return new UndiciResponse(response);
  };
  return Object.assign(send, {
    close: () => (dispatcher ? Promise.resolve() : agent.close()),
  });
}

function classify(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return error;
  if (unsentErrorCodes.has(code)) {
    return new PreflightError({
      code: code === 'UND_ERR_CONNECT_TIMEOUT' ? 'ICME_TIMEOUT' : 'ICME_NETWORK',
      message: `connection failed (${code})`,
      cause: error,
      details: { sent: false, errno: code },
    });
  }
  if (timeoutCodes.has(code)) {
    return new PreflightError({
      code: 'ICME_TIMEOUT',
      message:
        code === 'UND_ERR_HEADERS_TIMEOUT'
          ? 'no response headers in time'
          : 'response body stalled',
      cause: error,
      details: { sent: true, errno: code },
    });
  }
  return error;
}

type UndiciResponseData = Awaited<ReturnType<Agent['request']>>;

/** A response as the client reads it (a class: no closures per request on the hot path). */
class UndiciResponse implements IcmeTransportResponse {
  readonly status: number;
  /** True once the body's end has arrived (everything was delivered or is queued). */
  ended = false;
  private queue: ChunkQueue | undefined;
  constructor(private readonly response: UndiciResponseData) {
    this.status = response.statusCode;
  }

  /** Pull mode, created on first use (push mode never creates it). */
  get body(): ChunkQueue {
    this.queue ??= new ChunkQueue(this.response.body, this);
    return this.queue;
  }

  header(name: string): string | null {
    const value = this.response.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  discard(): Promise<void> {
    return this.response.body.dump({ limit: 64 * 1024 }).then(
      () => undefined,
      () => undefined,
    );
  }

  complete(): boolean {
    return this.ended;
  }

  deliverTo(sink: IcmeBodySink): void {
    const body = this.response.body;
    body.on('data', (chunk: Uint8Array) => sink.chunk(chunk));
    body.on('end', () => {
      this.ended = true;
      sink.end();
    });
    body.on('error', (error) => sink.error(classify(error)));
  }
}

/** Most bytes buffered ahead of the reader before the socket is paused (backpressure). */
const highWaterBytes = 1024 * 1024;

/**
 * The body's chunks as an async iterable, driven by `data` events: a read hands over everything
 * that has arrived since the last one, so a stream of small SSE writes costs one promise per
 * read instead of several per chunk (Node's Readable iterator). Errors are classified.
 */
class ChunkQueue implements AsyncIterableIterator<Uint8Array> {
  private ended = false;
  private readonly queue: Uint8Array[] = [];
  private queued = 0;
  private failure: unknown;
  private wake: (() => void) | undefined;

  constructor(
    private readonly body: Readable,
    private readonly owner: { ended: boolean },
  ) {
    body.on('data', (chunk: Uint8Array) => {
      this.queue.push(chunk);
      this.queued += chunk.byteLength;
      if (this.queued > highWaterBytes) body.pause();
      this.notify();
    });
    body.on('end', () => {
      this.ended = true;
      owner.ended = true;
      this.notify();
    });
    body.on('error', (error) => {
      this.failure = classify(error);
      this.notify();
    });
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  async next(): Promise<IteratorResult<Uint8Array>> {
    while (this.queue.length === 0 && !this.ended && this.failure === undefined) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    const { queue } = this;
    if (queue.length > 0) {
      const value = queue.length === 1 ? queue[0]! : concat(queue);
      queue.length = 0;
      this.queued = 0;
      if (this.body.isPaused()) this.body.resume();
      return { done: false, value };
    }
    if (this.failure !== undefined) throw this.failure;
    return { done: true, value: undefined };
  }

  async return(): Promise<IteratorResult<Uint8Array>> {
    this.body.destroy();
    return { done: true, value: undefined };
  }

  private notify() {
    const resolve = this.wake;
    this.wake = undefined;
    resolve?.();
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  const result = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return result;
}
