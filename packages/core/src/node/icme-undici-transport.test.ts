import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createIcmeClient } from '../engine/icme/icme-client';
import { type IcmeStandIn, startIcmeStandIn } from './icme-stand-in';
import { createUndiciTransport, type UndiciTransport } from './icme-undici-transport';

let standIn: IcmeStandIn;
let transport: UndiciTransport;
const client = (options: Parameters<typeof createIcmeClient>[0] = {}) =>
  createIcmeClient({
    apiKey: 'sk-smt-test',
    baseUrl: standIn.url,
    transport,
    retry: { initialDelayMs: 5 },
    ...options,
  });

beforeAll(async () => {
  standIn = await startIcmeStandIn({
    decide: ({ action }) => ({ result: action.includes('not provided') ? 'UNSAT' : 'SAT' }),
  });
});
afterEach(async () => {
  await transport?.close();
});
afterAll(() => standIn.close());

describe('undici transport against a local HTTP server', () => {
  it('reuses keep-alive connections across sequential checks and GETs', async () => {
    transport = createUndiciTransport();
    const before = standIn.connections;
    for (let i = 0; i < 10; i++) {
      await expect(
        client().checkIt({ policyId: 'p', action: `token: provided ${i}` }),
      ).resolves.toMatchObject({ result: 'SAT' });
      await client().me();
    }
    // 20 requests over at most 2 sockets: undici's pool may open a second socket when a request
    // is issued in the same tick the previous one completes (raw undici does the same).
    expect(standIn.connections - before).toBeLessThanOrEqual(2);
  });

  it('runs 32 concurrent checks over a bounded pool', async () => {
    transport = createUndiciTransport({ connections: 8 });
    const before = standIn.connections;
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        client().checkIt({ policyId: 'p', action: i % 2 ? 'token: not provided' : 'ok' }),
      ),
    );
    expect(results.filter((r) => r.result === 'UNSAT')).toHaveLength(16);
    expect(standIn.connections - before).toBeLessThanOrEqual(8);
  });

  it('sends the User-Agent and API key', async () => {
    transport = createUndiciTransport();
    await client().me();
    const last = standIn.requests.at(-1);
    expect(last?.headers['user-agent']).toMatch(/^preflight-icme-client\//);
    expect(last?.headers['x-api-key']).toBe('sk-smt-test');
  });

  it('fails closed on a stream cut before the terminal event', async () => {
    transport = createUndiciTransport();
    standIn.inject('checkIt', { kind: 'cut' });
    await expect(client().checkIt({ policyId: 'p', action: 'a' })).rejects.toMatchObject({
      code: 'ICME_NETWORK',
    });
  });

  it('ignores a connection reset after the terminal event', async () => {
    transport = createUndiciTransport();
    standIn.inject('checkIt', { kind: 'reset-after-done' });
    await expect(client().checkIt({ policyId: 'p', action: 'a' })).resolves.toMatchObject({
      result: 'SAT',
    });
  });

  it('times out a stalled stream (body idle timeout) and a slow answer (deadline)', async () => {
    transport = createUndiciTransport();
    standIn.inject('checkIt', { kind: 'stall' });
    await expect(
      client({ timeouts: { streamIdleMs: 100 } }).checkIt({ policyId: 'p', action: 'a' }),
    ).rejects.toMatchObject({
      code: 'ICME_TIMEOUT',
    });
    standIn.inject('checkIt', { kind: 'delay', ms: 400 });
    await expect(
      client({ timeouts: { checkMs: 100 } }).checkIt({ policyId: 'p', action: 'a' }),
    ).rejects.toMatchObject({
      code: 'ICME_TIMEOUT',
      details: { deadline: true },
    });
  });

  it('retries 429 with Retry-After and 5xx on the free screen; checkIt 5xx is not retried', async () => {
    transport = createUndiciTransport();
    standIn.inject('checkIt', { kind: 'status', status: 429, retryAfter: '0' });
    const count = () => standIn.requests.filter((r) => r.path === '/checkIt').length;
    let before = count();
    await expect(client().checkIt({ policyId: 'p', action: 'a' })).resolves.toMatchObject({
      result: 'SAT',
    });
    expect(count() - before).toBe(2);
    standIn.inject(
      'checkRelevance',
      { kind: 'status', status: 503 },
      { kind: 'status', status: 502 },
    );
    await expect(client().checkRelevance({ policyId: 'p', action: 'a' })).resolves.toMatchObject({
      shouldCheck: true,
    });
    standIn.inject('checkIt', { kind: 'status', status: 500 });
    before = count();
    await expect(client().checkIt({ policyId: 'p', action: 'a' })).rejects.toMatchObject({
      code: 'ICME_SERVER',
    });
    expect(count() - before).toBe(1);
  });

  it('aborts an in-flight check', async () => {
    transport = createUndiciTransport();
    standIn.inject('checkIt', { kind: 'stall' });
    const controller = new AbortController();
    const pending = client().checkIt({ policyId: 'p', action: 'a' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ code: 'ICME_ABORTED' });
  });

  it('retries a paid call when the connection was refused (never sent)', async () => {
    transport = createUndiciTransport();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = createIcmeClient({
      apiKey: 'k',
      baseUrl: `http://127.0.0.1:${port}/v1`,
      transport,
      retry: { attempts: 3, initialDelayMs: 1 },
    });
    await expect(refused.checkIt({ policyId: 'p', action: 'a' })).rejects.toMatchObject({
      code: 'ICME_NETWORK',
      details: { sent: false, attempt: 3 },
    });
  });

  it('walks the proof lifecycle: 404 until ready, one download, then 409', async () => {
    transport = createUndiciTransport();
    const checked = await client().checkIt({ policyId: 'p', action: 'a' });
    const proofId = checked.proofId!;
    await expect(client().getProof(proofId)).resolves.toEqual({ ready: false });
    await expect(client().getProof(proofId)).resolves.toMatchObject({
      ready: true,
      metadata: { claimedResult: 'SAT' },
    });
    const bytes = await client().downloadProof(proofId);
    expect(new TextDecoder().decode(bytes)).toBe(`proof:${proofId}`);
    await expect(client().downloadProof(proofId)).rejects.toMatchObject({ code: 'ICME_CONFLICT' });
    await expect(client().verifyProof(proofId)).rejects.toMatchObject({ code: 'ICME_CONFLICT' });
  });
});
