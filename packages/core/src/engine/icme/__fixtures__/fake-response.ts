import type { IcmeBodySink, IcmeTransportResponse } from '../icme-transport';

/**
 * A transport response whose body yields the given chunks in order; an `Error` entry makes the
 * body fail at that point (a cut connection). `discarded` tells whether `discard()` ran. With
 * `mode: 'push'` it also offers `deliverTo` (the undici transport's push mode), delivering one
 * chunk per microtask, and its async-iterable body refuses to be read.
 */
export function fakeResponse(
  chunks: ReadonlyArray<string | Error>,
  {
    status = 200,
    contentType = 'text/event-stream',
    mode = 'pull',
  }: { status?: number; contentType?: string; mode?: 'pull' | 'push' } = {},
): IcmeTransportResponse & { readonly discarded: boolean; readonly consumed: number } {
  const encoder = new TextEncoder();
  let discarded = false;
  let consumed = 0;
  async function* body() {
    for (const chunk of chunks) {
      await Promise.resolve();
      consumed++;
      if (chunk instanceof Error) throw chunk;
      yield encoder.encode(chunk);
    }
  }
  async function deliver(sink: IcmeBodySink) {
    for (const chunk of chunks) {
      await Promise.resolve();
      consumed++;
      if (chunk instanceof Error) {
        sink.error(chunk);
        return;
      }
      sink.chunk(encoder.encode(chunk));
    }
    await Promise.resolve();
    sink.end();
  }
  const refuse = (): AsyncIterable<Uint8Array> => ({
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.reject(new Error('a pushed body is not read through its iterator')),
    }),
  });
  return {
    status,
    header: (name) => (name.toLowerCase() === 'content-type' ? contentType : null),
    body: mode === 'push' && contentType.includes('event-stream') ? refuse() : body(),
    ...(mode === 'push' ? { deliverTo: (sink: IcmeBodySink) => void deliver(sink) } : {}),
    async discard() {
      discarded = true;
    },
    get discarded() {
      return discarded;
    },
    get consumed() {
      return consumed;
    },
  };
}
