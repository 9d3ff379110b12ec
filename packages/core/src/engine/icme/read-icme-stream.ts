import { icmeProtocolError, icmeStreamError } from './icme-errors';
import type { IcmeBodySink, IcmeTransportResponse } from './icme-transport';
import { parseJsonObject } from './parse-json-object';
import { type IcmeProgress, SseTerminalParser, type TerminalEvent } from './sse-terminal-parser';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder';

export type { IcmeProgress } from './sse-terminal-parser';

export interface ReadIcmeStreamOptions {
  endpoint: string;
  /** Called for each progress event; exceptions it throws are ignored. Default: none. */
  onProgress?: (progress: IcmeProgress) => void;
  /** Largest body accepted, in bytes. Default 4 MiB. */
  maxBytes?: number;
}

/** After the terminal event, this much more body is drained so the connection can be reused. */
const drainLimitBytes = 64 * 1024;
/** How long the reader waits for the stream's end after the terminal event before returning. */
const settleGraceMs = 20;

/**
 * Reads an ICME streaming response (`makeRules`, `checkIt`) to its terminal event and returns
 * the `done` payload. Tolerates LF or CRLF, `event:` names, `: keep-alive` comments, events split
 * across chunks, a `data: [DONE]` sentinel, raw `{...}` lines, and a plain `application/json`
 * body. Fails closed (rejects) on an `error` event or a stream that ends with no terminal event;
 * a transport error after the terminal event is ignored.
 *
 * After the terminal event the rest of the body (normally just its end) is read for up to a short
 * grace, so that a keep-alive connection goes back to the pool before the next call needs one;
 * past the grace the answer is returned and the rest drains in the background.
 */
export function readIcmeStream(
  response: IcmeTransportResponse,
  { endpoint, onProgress, maxBytes = 4 * 1024 * 1024 }: ReadIcmeStreamOptions,
): Promise<Record<string, unknown>> {
  // Not an async function: the pushed path hands back its one promise as is (no extra hops).
  try {
    const contentType = response.header('content-type') ?? '';
    if (/application\/json/i.test(contentType) && !/event-stream/i.test(contentType)) {
      return readJsonTerminal(response, maxBytes, endpoint);
    }
    const reader = new SseStreamReader(
      new SseTerminalParser(endpoint, onProgress),
      response,
      maxBytes,
      endpoint,
    );
    if (response.deliverTo) response.deliverTo(reader);
    else void pump(response, reader);
    return reader.result;
  } catch (error) {
    return Promise.reject(error);
  }
}

/** An `application/json` body where SSE was expected: the whole body is the terminal event. */
async function readJsonTerminal(
  response: IcmeTransportResponse,
  maxBytes: number,
  endpoint: string,
): Promise<Record<string, unknown>> {
  return terminalFromJson(await readText(response.body, maxBytes, endpoint), endpoint);
}

/**
 * Pull mode (transports without `deliverTo`, e.g. fetch): feeds the body's async iterator into the
 * same reader, for as long as it wants chunks (after the terminal event: until the body ends or
 * the drain limit, in the background once the answer is out).
 */
async function pump(response: IcmeTransportResponse, reader: SseStreamReader): Promise<void> {
  const iterator = response.body[Symbol.asyncIterator]();
  try {
    while (reader.reading) {
      const next = await iterator.next();
      if (next.done) {
        reader.end();
        return;
      }
      reader.chunk(next.value);
    }
  } catch (error) {
    reader.error(error);
  }
}

/**
 * Reads a stream: every chunk is parsed as it arrives (pushed by the transport, see
 * {@link IcmeTransportResponse.deliverTo}, or pumped from its iterator) and the one promise settles
 * at the end. Fields, not closures: one per check. Once the stream is decided, later chunks are
 * only counted.
 */
class SseStreamReader implements IcmeBodySink {
  readonly result: Promise<Record<string, unknown>>;
  private resolve!: (payload: Record<string, unknown>) => void;
  private reject!: (error: unknown) => void;
  /** Set once the terminal event was found. */
  private terminal: TerminalEvent | undefined;
  private bytes = 0;
  /** Bytes read after the terminal event. */
  private drained = 0;
  private settled = false;
  /** False once no more of the body is wanted (failed, ended, drained, or all of it arrived). */
  reading = true;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly parser: SseTerminalParser,
    private readonly response: IcmeTransportResponse,
    private readonly maxBytes: number,
    private readonly endpoint: string,
  ) {
    this.result = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  chunk(bytes: Uint8Array): void {
    if (this.terminal) {
      this.drained += bytes.byteLength;
      if (this.drained > drainLimitBytes) {
        this.finish();
        this.reading = false;
        void this.response.discard();
      }
      return;
    }
    if (this.settled) return; // already failed
    const parser = this.parser;
    this.bytes += bytes.byteLength;
    if (this.bytes > this.maxBytes) {
      this.fail(icmeProtocolError(this.endpoint, `stream exceeds ${this.maxBytes} bytes`));
      return;
    }
    if (!parser.push(bytes)) return;
    if (!this.decide(parser)) return;
    // The terminal event. Its body's end is normally already queued (it is emitted on the next
    // tick, which runs before microtasks): look again then, and only if it has not come, wait
    // a short grace for it.
    if (this.response.complete?.()) this.finish();
    else queueMicrotask(() => this.awaitEnd());
  }

  end(): void {
    this.reading = false;
    if (this.terminal) {
      this.finish();
      return;
    }
    if (this.settled) return;
    const parser = this.parser;
    parser.end();
    if (this.decide(parser)) this.finish();
    else if (!this.settled) this.fail(parser.missingTerminalError());
  }

  error(error: unknown): void {
    // A transport error after the terminal event does not change the answer.
    if (this.terminal) this.finish();
    else this.fail(error);
  }

  /** Settles with the terminal event (once). */
  finish(): void {
    if (this.settled || !this.terminal) return;
    this.settled = true;
    if (this.response.complete?.()) this.reading = false;
    clearTimeout(this.graceTimer);
    try {
      this.resolve(settle(this.terminal, this.endpoint));
    } catch (error) {
      this.reject(error);
    }
  }

  /**
   * After the parser reported the stream decided (or ended): keeps the terminal event. True when
   * there is one; false after a failure (rejected) or without a terminal event.
   */
  private decide(parser: SseTerminalParser): boolean {
    const { terminal, failure } = parser;
    if (failure !== undefined) {
      this.fail(failure);
      return false;
    }
    if (!terminal) return false;
    this.terminal = terminal;
    return true;
  }

  private awaitEnd(): void {
    if (!this.settled) this.graceTimer = setTimeout(finishReader, settleGraceMs, this);
  }

  private fail(error: unknown): void {
    this.reading = false;
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.graceTimer);
    this.reject(error);
    void this.response.discard();
  }
}

/** The grace timer's callback (module level: no closure per check). */
function finishReader(reader: SseStreamReader): void {
  reader.finish();
}

/** The done payload, or the typed error of an error event. */
function settle(terminal: TerminalEvent, endpoint: string): Record<string, unknown> {
  if (terminal.kind === 'error') throw icmeStreamError(terminal.payload, endpoint);
  return terminal.payload;
}

/** Reads a whole (bounded) body as UTF-8 text. */
export async function readText(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  endpoint: string,
): Promise<string> {
  const decoder = new Utf8ChunkDecoder();
  let text = '';
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) throw icmeProtocolError(endpoint, `body exceeds ${maxBytes} bytes`);
    text += decoder.decode(chunk);
  }
  return text + decoder.end();
}

function terminalFromJson(text: string, endpoint: string): Record<string, unknown> {
  const payload = parseJsonObject(text.trim());
  if (!payload) {
    throw icmeProtocolError(endpoint, 'JSON body is not an object', { body: text.slice(0, 500) });
  }
  const step = typeof payload['step'] === 'string' ? payload['step'].toLowerCase() : undefined;
  if (step === 'error' || (step === undefined && typeof payload['error'] === 'string')) {
    throw icmeStreamError(payload, endpoint);
  }
  return payload;
}
