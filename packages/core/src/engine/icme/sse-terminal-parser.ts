import {
  createParser,
  type EventSourceMessage,
  type EventSourceParser,
  type ParseError,
} from 'eventsource-parser';
import { icmeProtocolError } from './icme-errors';
import { parseJsonObject } from './parse-json-object';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder';

/** A progress event of a streaming call (`{"step":"2/3","msg":"Extracting values..."}`). */
export interface IcmeProgress {
  step: string;
  message: string;
  raw: Record<string, unknown>;
}

/** The event that ends an ICME stream. */
export interface TerminalEvent {
  kind: 'done' | 'error';
  payload: Record<string, unknown>;
}

/**
 * Whether an event's data could be a terminal event: its `step` is `done` or `error` in any case,
 * which in JSON text shows literally unless written with escapes (then a backslash shows).
 */
const mayBeTerminal = /done|error|\\/i;

/**
 * Finds the terminal event of an ICME stream in its body bytes, chunk by chunk: SSE parsed by
 * eventsource-parser (LF or CRLF, `event:` names, comments, split events), a `[DONE]` sentinel
 * skipped, bare `{...}` lines accepted. Progress events go to `onProgress`. Owns no I/O: the
 * caller feeds it and decides what an early end means.
 *
 * One per stream, never reused: a progress listener can abort the call while a chunk is being
 * parsed, and the parser then finishes that chunk after its reader has given up. A pool once
 * handed such a parser to the next check, which then got the previous check's answer.
 */
export class SseTerminalParser {
  terminal: TerminalEvent | undefined;
  /** The first error a handler raised (a terminal event that is not JSON). */
  failure: unknown;
  private lastEvent: Record<string, unknown> | undefined;
  // Progress lines nobody listens to are not parsed (JSON.parse is a visible share of a check's
  // cost); they are kept, newest last, in case the stream ends without a terminal event and the
  // error should name the last event. Cleared whenever a later event is parsed.
  private unparsed: string[] | undefined;
  private readonly decoder = new Utf8ChunkDecoder();
  private readonly parser: EventSourceParser;

  constructor(
    private readonly endpoint: string,
    private readonly onProgress: ((progress: IcmeProgress) => void) | undefined,
  ) {
    // Bound methods rather than arrow functions: no named closure per check.
    this.parser = createParser({
      onEvent: this.onEvent.bind(this),
      onError: this.onParseError.bind(this),
    });
  }

  /** Feeds body bytes; true once the stream is decided (terminal event or failure). */
  push(bytes: Uint8Array): boolean {
    this.parser.feed(this.decoder.decode(bytes));
    return this.terminal !== undefined || this.failure !== undefined;
  }

  /** The body ended: dispatches a final event that lacks its closing blank line. */
  end(): void {
    this.parser.feed(`${this.decoder.end()}\n\n`);
  }

  /** The error for a stream that ended with no terminal event, naming the last event seen. */
  missingTerminalError() {
    const last = lastParsedEvent(this.unparsed) ?? this.lastEvent;
    return icmeProtocolError(this.endpoint, 'stream ended without a done or error event', {
      ...(last ? { lastEvent: last } : {}),
    });
  }

  private onEvent(event: EventSourceMessage): void {
    this.guarded(event.data, event.event);
  }

  private onParseError(error: ParseError): void {
    // Some servers and proxies send bare `{...}` lines; S11/S17 accept them.
    const line = error.line?.trim();
    if (error.type === 'unknown-field' && line?.startsWith('{')) this.guarded(line, undefined);
  }

  private guarded(data: string, eventName: string | undefined): void {
    try {
      this.handle(data, eventName);
    } catch (error) {
      this.failure ??= error;
    }
  }

  private handle(data: string, eventName: string | undefined): void {
    if (this.terminal) return;
    const trimmed = data.trim();
    if (trimmed === '' || trimmed === '[DONE]') return;
    const name = eventName?.toLowerCase();
    const terminalName = name === 'done' || name === 'error';
    if (!terminalName && !this.onProgress && !mayBeTerminal.test(trimmed)) {
      this.unparsed ??= [];
      this.unparsed.push(trimmed);
      return;
    }
    const payload = parseJsonObject(trimmed);
    if (!payload) {
      if (terminalName) {
        throw icmeProtocolError(this.endpoint, `terminal "${name}" event is not a JSON object`, {
          data: trimmed.slice(0, 500),
        });
      }
      return; // an unparseable progress line cannot decide anything
    }
    this.lastEvent = payload;
    this.unparsed = undefined;
    const step = typeof payload['step'] === 'string' ? payload['step'].toLowerCase() : undefined;
    if (step === 'error' || name === 'error') this.terminal = { kind: 'error', payload };
    else if (step === 'done' || name === 'done') this.terminal = { kind: 'done', payload };
    else if (this.onProgress) notify(this.onProgress, payload);
  }
}

/** The newest of `lines` that parses as a JSON object. */
function lastParsedEvent(lines: string[] | undefined): Record<string, unknown> | undefined {
  for (let index = (lines?.length ?? 0) - 1; index >= 0; index--) {
    const payload = parseJsonObject(lines![index]!);
    if (payload) return payload;
  }
  return undefined;
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
