import { createParser, type EventSourceMessage, type ParseError } from 'eventsource-parser';
import { icmeProtocolError, icmeStreamError } from '../src/engine/icme/icme-errors';
import type { IcmeTransportResponse } from '../src/engine/icme/icme-transport';
import { Utf8ChunkDecoder } from '../src/engine/icme/utf8-chunk-decoder';

/** A progress event of a streaming call (`{"step":"2/3","msg":"Extracting values..."}`). */
export interface IcmeProgress {
  step: string;
  message: string;
  raw: Record<string, unknown>;
}

export interface ReadIcmeStreamOptions {
  endpoint: string;
  /** Called for each progress event; exceptions it throws are ignored. Default: none. */
  onProgress?: (progress: IcmeProgress) => void;
  /** Largest body accepted, in bytes. Default 4 MiB. */
  maxBytes?: number;
}

/** After the terminal event, this much more body is drained so the connection can be reused. */
const drainLimitBytes = 64 * 1024;

/**
 * Reads an ICME streaming response (`makeRules`, `checkIt`) to its terminal event and returns
 * the `done` payload. Tolerates LF or CRLF, `event:` names, `: keep-alive` comments, events split
 * across chunks, a `data: [DONE]` sentinel, raw `{...}` lines, and a plain `application/json`
 * body. Fails closed (rejects) on an `error` event or a stream that ends with no terminal event;
 * a transport error after the terminal event is ignored.
 */
export async function readIcmeStream(
  response: IcmeTransportResponse,
  { endpoint, onProgress, maxBytes = 4 * 1024 * 1024 }: ReadIcmeStreamOptions,
): Promise<Record<string, unknown>> {
  const contentType = response.header('content-type') ?? '';
  if (/application\/json/i.test(contentType) && !/event-stream/i.test(contentType)) {
    const text = await readText(response.body, maxBytes, endpoint);
    return terminalFromJson(text, endpoint);
  }

  let terminal: { kind: 'done' | 'error'; payload: Record<string, unknown> } | undefined;
  let lastEvent: Record<string, unknown> | undefined;
  // Progress lines nobody listens to are not parsed (JSON.parse is a visible share of a check's
  // cost); they are kept, newest last, in case the stream ends without a terminal event and the
  // error should name the last event. Cleared whenever a later event is parsed.
  let unparsed: string[] | undefined;
  const handle = (data: string, eventName: string | undefined) => {
    if (terminal) return;
    const trimmed = data.trim();
    if (trimmed === '' || trimmed === '[DONE]') return;
    const name = eventName?.toLowerCase();
    const terminalName = name === 'done' || name === 'error';
    if (!terminalName && !onProgress && !mayBeTerminal.test(trimmed)) {
      unparsed ??= [];
      unparsed.push(trimmed);
      return;
    }
    const payload = parseObject(trimmed);
    if (!payload) {
      if (terminalName) {
        throw icmeProtocolError(endpoint, `terminal "${name}" event is not a JSON object`, {
          data: trimmed.slice(0, 500),
        });
      }
      return; // an unparseable progress line cannot decide anything
    }
    lastEvent = payload;
    unparsed = undefined;
    const step = typeof payload['step'] === 'string' ? payload['step'].toLowerCase() : undefined;
    if (step === 'error' || name === 'error') terminal = { kind: 'error', payload };
    else if (step === 'done' || name === 'done') terminal = { kind: 'done', payload };
    else if (onProgress) notify(onProgress, payload);
  };
  let parseFailure: unknown;
  const parser = createParser({
    onEvent: (event: EventSourceMessage) => {
      try {
        handle(event.data, event.event);
      } catch (error) {
        parseFailure ??= error;
      }
    },
    onError: (error: ParseError) => {
      // Some servers and proxies send bare `{...}` lines; S11/S17 accept them.
      const line = error.line?.trim();
      if (error.type === 'unknown-field' && line?.startsWith('{')) {
        try {
          handle(line, undefined);
        } catch (failure) {
          parseFailure ??= failure;
        }
      }
    },
  });

  const decoder = new Utf8ChunkDecoder();
  const iterator = response.body[Symbol.asyncIterator]();
  let bytes = 0;
  while (!terminal && parseFailure === undefined) {
    const next = await iterator.next();
    if (next.done) {
      // Dispatch a final event that lacks its closing blank line.
      parser.feed(`${decoder.end()}\n\n`);
      break;
    }
    bytes += next.value.byteLength;
    if (bytes > maxBytes) {
      await response.discard();
      throw icmeProtocolError(endpoint, `stream exceeds ${maxBytes} bytes`);
    }
    parser.feed(decoder.decode(next.value));
  }
  if (parseFailure !== undefined) {
    await response.discard();
    throw parseFailure;
  }
  if (!terminal) {
    const last = lastParsedEvent(unparsed) ?? lastEvent;
    throw icmeProtocolError(endpoint, 'stream ended without a done or error event', {
      ...(last ? { lastEvent: last } : {}),
    });
  }
  await settleAfterTerminal(iterator, response);
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
  const payload = parseObject(text.trim());
  if (!payload) {
    throw icmeProtocolError(endpoint, 'JSON body is not an object', { body: text.slice(0, 500) });
  }
  const step = typeof payload['step'] === 'string' ? payload['step'].toLowerCase() : undefined;
  if (step === 'error' || (step === undefined && typeof payload['error'] === 'string')) {
    throw icmeStreamError(payload, endpoint);
  }
  return payload;
}

/**
 * Whether an event's data could be a terminal event: its `step` is `done` or `error` in any case,
 * which in JSON text shows literally unless written with escapes (then a backslash shows).
 */
const mayBeTerminal = /done|error|\\/i;

/** The newest of `lines` that parses as a JSON object. */
function lastParsedEvent(lines: string[] | undefined): Record<string, unknown> | undefined {
  for (let index = (lines?.length ?? 0) - 1; index >= 0; index--) {
    const payload = parseObject(lines![index]!);
    if (payload) return payload;
  }
  return undefined;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function notify(onProgress: (progress: IcmeProgress) => void, raw: Record<string, unknown>) {
  const step = raw['step'] ?? raw['status'] ?? '';
  const message = raw['msg'] ?? raw['message'] ?? raw['status'] ?? '';
  try {
    onProgress({ step: String(step), message: String(message), raw });
  } catch {
    // A progress display must never break a check.
  }
}

/** How long the reader waits for the stream's end after the terminal event before returning. */
const settleGraceMs = 20;

/**
 * Reads what follows the terminal event so that a keep-alive connection goes back to the pool
 * before the next call needs one. The server normally ends the stream right after `done`, so
 * this costs nothing; if it does not, the caller gets its answer after a short grace and the
 * rest drains in the background. Errors here (a reset mid-flush after `done`) are ignored.
 */
async function settleAfterTerminal(
  iterator: AsyncIterator<Uint8Array>,
  response: IcmeTransportResponse,
): Promise<void> {
  const drained = (async () => {
    let drained = 0;
    try {
      while (drained <= drainLimitBytes) {
        const next = await iterator.next();
        if (next.done) return;
        drained += next.value.byteLength;
      }
      await response.discard();
    } catch {
      await response.discard();
    }
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  void settleGraceMs;
  await drained;
  clearTimeout(timer);
}
