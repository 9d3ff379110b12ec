import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createIcmeClient } from '../engine/icme/icme-client';
import type { IcmeBodySink, IcmeTransportRequest } from '../engine/icme/icme-transport';
import { readText } from '../engine/icme/read-icme-stream';
import { createUndiciTransport, type UndiciTransport } from './icme-undici-transport';

// A plain server for the transport's own behaviour: a big body, a slow header, a chunked stream.
const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7).map((_, index) => index % 251);
let server: Server;
let base: string;
let sockets = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(big);
    } else if (req.url === '/checkIt') {
      // Progress and done in one write (one chunk at the client), the verdict named after the action.
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const { action } = JSON.parse(body) as { action: string };
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': hello\n\n');
        const verdict = action === 'A' ? 'SAT' : 'UNSAT';
        setTimeout(
          () =>
            res.end(
              `data: {"step":"1/2","msg":"working"}\n\ndata: {"step":"done","result":"${verdict}","check_id":"${action}"}\n\n`,
            ),
          20,
        );
      });
    } else if (req.url === '/trickle') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('x'.repeat(200));
      const timer = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(timer));
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('late'), 2000).unref();
    } else {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      setTimeout(() => res.end('data: two\n\n'), 20);
    }
  });
  server.on('connection', () => sockets++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let transport: UndiciTransport;
afterEach(() => transport?.close());

const get = (path: string, signal = new AbortController().signal): IcmeTransportRequest => ({
  method: 'GET',
  url: `${base}${path}`,
  headers: { 'user-agent': 'test' },
  signal,
  headersTimeoutMs: 5000,
  bodyTimeoutMs: 5000,
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('UndiciExchange (the undici transport response)', () => {
  it('hands a body bigger than its buffer to a slow puller intact (pauses and resumes)', async () => {
    transport = createUndiciTransport();
    const response = await transport(get('/big'));
    const parts: Uint8Array[] = [];
    for await (const chunk of response.body) {
      parts.push(chunk);
      await new Promise((resolve) => setTimeout(resolve, 2)); // a slow reader
    }
    expect(sha(Buffer.concat(parts))).toBe(sha(big));
    expect(response.complete?.()).toBe(true);
  });

  it('pushes to a sink attached late: chunks that arrived first are replayed in order', async () => {
    transport = createUndiciTransport();
    const response = await transport(get('/stream'));
    await new Promise((resolve) => setTimeout(resolve, 10)); // the first event is in by now
    const text = await new Promise<string>((resolve, reject) => {
      let received = '';
      const sink: IcmeBodySink = {
        chunk: (bytes) => {
          received += Buffer.from(bytes).toString('utf8');
        },
        end: () => resolve(received),
        error: reject,
      };
      response.deliverTo?.(sink);
    });
    expect(text).toBe('data: one\n\ndata: two\n\n');
  });

  it('discards a body and keeps the connection usable for the next request', async () => {
    transport = createUndiciTransport({ connections: 1 });
    const before = sockets;
    const first = await transport(get('/stream'));
    await first.discard();
    const second = await transport(get('/stream'));
    const parts: Uint8Array[] = [];
    for await (const chunk of second.body) parts.push(chunk);
    expect(Buffer.concat(parts).toString('utf8')).toBe('data: one\n\ndata: two\n\n');
    expect(sockets - before).toBe(1);
  });

  it('a reader that gives up mid-body aborts the rest instead of reading it to the end', async () => {
    transport = createUndiciTransport();
    const response = await transport({ ...get('/trickle'), bodyTimeoutMs: 60_000 });
    // Over the limit on the first chunk: the for-await inside throws, which ends the exchange
    // (the body never ends by itself, and its idle timeout is a minute away).
    await expect(readText(response.body, 100, 'test')).rejects.toMatchObject({
      code: 'ICME_PROTOCOL',
    });
  });

  it('aborts a request still waiting for its headers', async () => {
    transport = createUndiciTransport();
    const controller = new AbortController();
    const pending = transport(get('/slow', controller.signal));
    setTimeout(() => controller.abort(new Error('caller gave up')), 20);
    await expect(pending).rejects.toThrow('caller gave up');
  });

  it('a call aborted by its progress listener mid-chunk leaves nothing behind for the next check', async () => {
    // The abort reaches the reader synchronously, while the parser is still in the chunk that
    // also holds the done event; a reused parser once carried that answer into the next check.
    transport = createUndiciTransport();
    const client = createIcmeClient({ apiKey: 'k', baseUrl: base, transport });
    const controller = new AbortController();
    await expect(
      client.checkIt(
        { policyId: 'p', action: 'A' },
        { signal: controller.signal, onProgress: () => controller.abort() },
      ),
    ).rejects.toMatchObject({ code: 'ICME_ABORTED' });
    await expect(client.checkIt({ policyId: 'p', action: 'B' })).resolves.toMatchObject({
      checkId: 'B',
      result: 'UNSAT',
    });
  });

  it('aborts at once when the call was aborted before it started', async () => {
    transport = createUndiciTransport();
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(transport(get('/stream', controller.signal))).rejects.toThrow('too late');
  });
});
