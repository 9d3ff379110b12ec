import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeResponse as fakeResponseIn } from './__fixtures__/fake-response';
import { type IcmeProgress, readIcmeStream } from './read-icme-stream';

const done = { step: 'done', check_id: 'c-1', result: 'SAT', z3_result: 'SAT' };
// The documented stream (reference §3.1), LF framing.
const documented = [
  'data: {"step":"1/3","msg":"Analyzing action..."}\n\n',
  'data: {"step":"2/3","msg":"Extracting values from action..."}\n\n',
  ': keep-alive\n\n',
  'data: {"step":"3/3","msg":"Verifying against policy..."}\n\n',
  `data: ${JSON.stringify(done)}\n\n`,
].join('');

// Every test runs against both ways a transport can hand over a body: pulled through an async
// iterator (fetch) and pushed chunk by chunk (undici).
let mode: 'pull' | 'push' = 'pull';
const fakeResponse = (
  chunks: ReadonlyArray<string | Error>,
  options: { status?: number; contentType?: string } = {},
) => fakeResponseIn(chunks, { ...options, mode });

const read = (chunks: ReadonlyArray<string | Error>, contentType?: string) => {
  const progress: IcmeProgress[] = [];
  const promise = readIcmeStream(fakeResponse(chunks, contentType ? { contentType } : {}), {
    endpoint: 'checkIt',
    onProgress: (event) => progress.push(event),
  });
  return { promise, progress };
};

describe.each(['pull', 'push'] as const)('readIcmeStream, %s mode', (bodyMode) => {
  beforeEach(() => {
    mode = bodyMode;
  });

  it('returns the done payload and reports each progress step', async () => {
    const { promise, progress } = read([documented]);
    await expect(promise).resolves.toEqual(done);
    expect(progress.map((p) => `${p.step} ${p.message}`)).toEqual([
      '1/3 Analyzing action...',
      '2/3 Extracting values from action...',
      '3/3 Verifying against policy...',
    ]);
  });

  it('accepts CRLF framing', async () => {
    const { promise } = read([documented.replaceAll('\n', '\r\n')]);
    await expect(promise).resolves.toEqual(done);
  });

  it('gives the same result however the stream is split into chunks (LF or CRLF)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.uniqueArray(fc.integer({ min: 1, max: documented.length * 2 - 1 }), { maxLength: 12 }),
        async (crlf, cuts) => {
          const text = crlf ? documented.replaceAll('\n', '\r\n') : documented;
          const points = [...new Set(cuts.map((c) => c % text.length))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((start, i) =>
            text.slice(start, points[i] ?? text.length),
          );
          const { promise, progress } = read(chunks.filter((c) => c !== ''));
          await expect(promise).resolves.toEqual(done);
          expect(progress).toHaveLength(3);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('recognises terminal events by SSE event name as well as by step', async () => {
    const { promise } = read([
      'event: progress\ndata: {"step":"1/3","msg":"a"}\n\n',
      'event: done\ndata: {"check_id":"c-2","result":"UNSAT"}\n\n',
    ]);
    await expect(promise).resolves.toEqual({ check_id: 'c-2', result: 'UNSAT' });
    const failed = read([
      'event: error\ndata: {"code":"INSUFFICIENT_CREDITS","error":"Out of credits."}\n\n',
    ]);
    await expect(failed.promise).rejects.toMatchObject({ code: 'ICME_INSUFFICIENT_CREDITS' });
  });

  it('joins multi-line data fields', async () => {
    const { promise } = read(['data: {"step":"done",\ndata: "result":"SAT"}\n\n']);
    await expect(promise).resolves.toEqual({ step: 'done', result: 'SAT' });
  });

  it('ignores a [DONE] sentinel and comments', async () => {
    const { promise } = read([
      ': keep-alive\n\n',
      `data: ${JSON.stringify(done)}\n\n`,
      'data: [DONE]\n\n',
    ]);
    await expect(promise).resolves.toEqual(done);
    const sentinelFirst = read(['data: [DONE]\n\n', `data: ${JSON.stringify(done)}\n\n`]);
    await expect(sentinelFirst.promise).resolves.toEqual(done);
  });

  it('fails closed when the stream ends without a terminal event', async () => {
    const { promise } = read(['data: {"step":"1/3","msg":"a"}\n\n', 'data: [DONE]\n\n']);
    await expect(promise).rejects.toMatchObject({ code: 'ICME_PROTOCOL' });
    // even when a non-terminal event carried a result: never guess a verdict
    const partial = read(['data: {"step":"3/3","result":"SAT"}\n\n']);
    await expect(partial.promise).rejects.toMatchObject({ code: 'ICME_PROTOCOL' });
  });

  it('dispatches a final event that lacks its blank line', async () => {
    const { promise } = read([`data: ${JSON.stringify(done)}`]);
    await expect(promise).resolves.toEqual(done);
  });

  it('turns an error event into a typed error', async () => {
    const credits = read([
      'data: {"step":"error","code":"INSUFFICIENT_CREDITS","error":"Out of credits."}\n\n',
    ]);
    await expect(credits.promise).rejects.toMatchObject({
      code: 'ICME_INSUFFICIENT_CREDITS',
      details: { icmeCode: 'INSUFFICIENT_CREDITS' },
    });
    const other = read(['data: {"step":"error","error":"extraction failed"}\n\n']);
    await expect(other.promise).rejects.toMatchObject({ code: 'ICME_SERVER' });
  });

  it('ignores a transport error after the terminal event', async () => {
    const response = fakeResponse([`data: ${JSON.stringify(done)}\n\n`, new Error('ECONNRESET')]);
    await expect(readIcmeStream(response, { endpoint: 'checkIt' })).resolves.toEqual(done);
  });

  it('rejects on a transport error before the terminal event', async () => {
    const { promise } = read(['data: {"step":"1/3","msg":"a"}\n\n', new Error('socket hang up')]);
    await expect(promise).rejects.toThrow('socket hang up');
  });

  it('parses an application/json body where SSE was expected', async () => {
    const { promise } = read(
      [JSON.stringify({ check_id: 'c-3', result: 'SAT' })],
      'application/json; charset=utf-8',
    );
    await expect(promise).resolves.toEqual({ check_id: 'c-3', result: 'SAT' });
    const failure = read(
      ['{"step":"error","code":"INSUFFICIENT_CREDITS","error":"x"}'],
      'application/json',
    );
    await expect(failure.promise).rejects.toMatchObject({ code: 'ICME_INSUFFICIENT_CREDITS' });
    const garbage = read(['<html>bad gateway</html>'], 'application/json');
    await expect(garbage.promise).rejects.toMatchObject({ code: 'ICME_PROTOCOL' });
  });

  it('accepts bare JSON lines without a data: prefix', async () => {
    const { promise } = read(['{"step":"1/3","msg":"a"}\n', `${JSON.stringify(done)}\n`]);
    await expect(promise).resolves.toEqual(done);
  });

  it('rejects a terminal event whose data is not JSON', async () => {
    const { promise } = read(['event: done\ndata: not json\n\n']);
    await expect(promise).rejects.toMatchObject({ code: 'ICME_PROTOCOL' });
  });

  it('survives a progress callback that throws', async () => {
    const response = fakeResponse([documented]);
    const result = readIcmeStream(response, {
      endpoint: 'checkIt',
      onProgress: () => {
        throw new Error('display broke');
      },
    });
    await expect(result).resolves.toEqual(done);
  });

  it('reads on after the terminal event so the connection can be reused, without waiting', async () => {
    const response = fakeResponse([`data: ${JSON.stringify(done)}\n\n`, ': trailing\n\n']);
    await readIcmeStream(response, { endpoint: 'checkIt' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(response.consumed).toBe(2);
  });

  it('starts every stream clean, even after one cut mid-event', async () => {
    const cut = read(['data: {"step":"do', new Error('socket reset')]);
    await expect(cut.promise).rejects.toThrow();
    const failed = read(['event: done\ndata: not json\n\n']);
    await expect(failed.promise).rejects.toMatchObject({ code: 'ICME_PROTOCOL' });
    const next = read(['data: {"step":"1/3"}\n\n', `data: ${JSON.stringify(done)}\n\n`]);
    await expect(next.promise).resolves.toEqual(done);
    expect(next.progress.map((p) => p.step)).toEqual(['1/3']);
  });

  it('keeps concurrent streams apart', async () => {
    const answers = Array.from({ length: 40 }, (_, index) => ({ ...done, check_id: `c-${index}` }));
    const streams = answers.map((answer, index) => {
      const text = `data: {"step":"1/3"}\n\n: keep-alive\n\ndata: ${JSON.stringify(answer)}\n\n`;
      const cut = 1 + (index % (text.length - 1));
      return read([text.slice(0, cut), text.slice(cut)]).promise;
    });
    await expect(Promise.all(streams)).resolves.toEqual(answers);
  });

  it('bounds the body size', async () => {
    const response = fakeResponse([`: ${'x'.repeat(200)}\n\n`]);
    await expect(
      readIcmeStream(response, { endpoint: 'checkIt', maxBytes: 100 }),
    ).rejects.toMatchObject({
      code: 'ICME_PROTOCOL',
    });
    expect(response.discarded).toBe(true);
  });
});

// Without a progress listener, progress lines are not parsed (a hot-path saving): the same
// stream must still give the same answer, and the same failure details.
describe.each(['pull', 'push'] as const)(
  'readIcmeStream without a progress listener, %s mode',
  (bodyMode) => {
    beforeEach(() => {
      mode = bodyMode;
    });

    const quiet = (chunks: ReadonlyArray<string | Error>) =>
      readIcmeStream(fakeResponse(chunks), { endpoint: 'checkIt' });

    it('finds the terminal event however it is spelled', async () => {
      await expect(quiet([documented])).resolves.toEqual(done);
      await expect(quiet([documented.replaceAll('\n', '\r\n')])).resolves.toEqual(done);
      await expect(quiet(['data: {"step":"DONE","result":"SAT"}\n\n'])).resolves.toEqual({
        step: 'DONE',
        result: 'SAT',
      });
      // written with JSON escapes: "\u0064one" is "done"
      await expect(quiet(['data: {"step":"\\u0064one","result":"SAT"}\n\n'])).resolves.toEqual({
        step: 'done',
        result: 'SAT',
      });
      await expect(quiet(['event: done\ndata: {"result":"SAT"}\n\n'])).resolves.toEqual({
        result: 'SAT',
      });
      await expect(
        quiet(['data: {"step":"1/3"}\n\n', 'data: {"step":"Error","error":"x"}\n\n']),
      ).rejects.toMatchObject({ code: 'ICME_SERVER' });
    });

    it('names the last parseable event when the stream ends without a terminal one', async () => {
      const chunks = [
        'data: {"step":"1/3","msg":"a"}\n\n',
        'data: {"step":"2/3","msg":"b"}\n\n',
        'data: {not json\n\n',
        'data: [DONE]\n\n',
      ];
      const expected = { code: 'ICME_PROTOCOL', details: { lastEvent: { step: '2/3', msg: 'b' } } };
      await expect(quiet(chunks)).rejects.toMatchObject(expected);
      await expect(read(chunks).promise).rejects.toMatchObject(expected);
    });

    it('gives the same result however the stream is split into chunks', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.integer({ min: 1, max: documented.length - 1 }), { maxLength: 12 }),
          async (cuts) => {
            const points = [...cuts].sort((a, b) => a - b);
            const chunks = [0, ...points].map((start, i) =>
              documented.slice(start, points[i] ?? documented.length),
            );
            await expect(quiet(chunks)).resolves.toEqual(done);
          },
        ),
        { numRuns: 100 },
      );
    });

    it('returns at once after the terminal event when the transport has the whole body', async () => {
      const never = new Promise<IteratorResult<Uint8Array>>(() => undefined);
      let reads = 0;
      const bytes = new TextEncoder().encode(`data: ${JSON.stringify(done)}\n\n`);
      const response = {
        status: 200,
        header: (name: string) => (name === 'content-type' ? 'text/event-stream' : null),
        body: {
          [Symbol.asyncIterator]: () => ({
            next: () => (reads++ === 0 ? Promise.resolve({ done: false, value: bytes }) : never),
          }),
        },
        discard: async () => undefined,
        complete: () => true,
      };
      await expect(readIcmeStream(response, { endpoint: 'checkIt' })).resolves.toEqual(done);
      expect(reads).toBe(1); // nothing left to wait for: no read after the terminal event
    });
  },
);
