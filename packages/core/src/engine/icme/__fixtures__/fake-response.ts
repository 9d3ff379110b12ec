import type { IcmeTransportResponse } from '../icme-transport';

/**
 * A transport response whose body yields the given chunks in order; an `Error` entry makes the
 * body fail at that point (a cut connection). `discarded` tells whether `discard()` ran.
 */
export function fakeResponse(
  chunks: ReadonlyArray<string | Error>,
  {
    status = 200,
    contentType = 'text/event-stream',
  }: { status?: number; contentType?: string } = {},
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
  return {
    status,
    header: (name) => (name.toLowerCase() === 'content-type' ? contentType : null),
    body: body(),
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
