import { PreflightError } from '../../errors';
import type { FetchLike, IcmeTransport, IcmeTransportResponse } from './icme-transport';
import { unsentErrorCodes } from './unsent-error-codes';

/**
 * A transport over any `fetch` (default `globalThis.fetch`). Headers and body-idle timeouts are
 * enforced with timers since `fetch` has none of its own.
 *
 * @example
 * const client = createIcmeClient({ apiKey, transport: createFetchTransport() });
 */
export function createFetchTransport(
  fetchFn: FetchLike = (input, init) => fetch(input, init),
): IcmeTransport {
  return async function fetchTransport(request) {
    const controller = new AbortController();
    // Some fetch implementations (and test doubles) do not fail a body read on abort, so a
    // pending read is also cancelled directly.
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    const stop = (reason: unknown) => {
      controller.abort(reason);
      reader?.cancel(reason).catch(() => undefined);
    };
    const onAbort = () => stop(request.signal.reason);
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener('abort', onAbort, { once: true });
    let timedOut: PreflightError | undefined;
    const arm = (ms: number, what: string) =>
      setTimeout(() => {
        timedOut = new PreflightError({
          code: 'ICME_TIMEOUT',
          message: `ICME API: no ${what} within ${ms} ms`,
          details: { sent: true, timeout: what },
        });
        stop(timedOut);
      }, ms);
    const release = () => request.signal.removeEventListener('abort', onAbort);
    let timer = arm(request.headersTimeoutMs, 'response headers');
    let response: Response;
    try {
      response = await fetchFn(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
      });
    } catch (error) {
      clearTimeout(timer);
      release();
      throw timedOut ?? classifyFetchError(error);
    }
    clearTimeout(timer);
    const stream = response.body;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      if (!stream) return;
      reader = stream.getReader();
      try {
        while (true) {
          timer = arm(request.bodyTimeoutMs, 'response body data');
          const { done, value } = await reader.read();
          clearTimeout(timer);
          if (timedOut) throw timedOut;
          if (request.signal.aborted) throw request.signal.reason;
          if (done) return;
          yield value;
        }
      } catch (error) {
        throw timedOut ?? error;
      } finally {
        clearTimeout(timer);
        release();
        reader.releaseLock();
      }
    }
    const result: IcmeTransportResponse = {
      status: response.status,
      header: (name) => response.headers.get(name),
      body: chunks(),
      async discard() {
        clearTimeout(timer);
        release();
        await stream?.cancel().catch(() => undefined);
      },
    };
    return result;
  };
}

function classifyFetchError(error: unknown): unknown {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  // fetch wraps the socket error: its code is on `cause`.
  if (code !== undefined && unsentErrorCodes.has(code)) {
    return new PreflightError({
      code: 'ICME_NETWORK',
      message: `ICME API unreachable (${code})`,
      cause: error,
      details: { sent: false, errno: code },
    });
  }
  return error;
}
