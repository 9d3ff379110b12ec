import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE,
  checkItArVeto,
  checkItZk,
  icmeHandlers,
  makeRulesDone,
  POLICY_ID,
  PROOF_ID,
  sseResponse,
} from './__fixtures__/icme-api';
import { createIcmeClient, ICME_USER_AGENT } from './icme-client';

const server = setupServer(...icmeHandlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = (options: Parameters<typeof createIcmeClient>[0] = {}) =>
  createIcmeClient({
    apiKey: 'sk-smt-test',
    baseUrl: BASE,
    retry: { initialDelayMs: 1 },
    ...options,
  });

describe('createIcmeClient over fetch (msw)', () => {
  it('sends the API key, an explicit User-Agent, JSON and the SSE Accept header', async () => {
    let seen: Request | undefined;
    let body: unknown;
    server.use(
      http.post(`${BASE}/checkIt`, async ({ request }) => {
        seen = request;
        body = await request.json();
        return sseResponse(checkItArVeto);
      }),
    );
    await client().checkIt({ policyId: POLICY_ID, action: 'a' });
    expect(seen?.headers.get('x-api-key')).toBe('sk-smt-test');
    expect(seen?.headers.get('user-agent')).toBe(ICME_USER_AGENT);
    expect(seen?.headers.get('accept')).toBe('text/event-stream');
    expect(seen?.headers.get('content-type')).toBe('application/json');
    expect(body).toEqual({ policy_id: POLICY_ID, action: 'a' });
  });

  it('makeRules streams progress and accepts scenarios or scenario_count', async () => {
    const steps: string[] = [];
    const made = await client().makeRules('1. Do not x.', {
      onProgress: (p) => steps.push(p.step),
    });
    expect(made).toMatchObject({ policyId: POLICY_ID, ruleCount: 13, scenarioCount: 0 });
    expect(made.raw).toEqual(makeRulesDone);
    expect(steps).toEqual(['1/3', '2/3', '3/3']);
    const { scenarios: _s, ...rest } = makeRulesDone;
    server.use(
      http.post(`${BASE}/makeRules`, () =>
        sseResponse({ ...rest, scenario_count: 7 }, { crlf: true }),
      ),
    );
    expect((await client().makeRules('1. Do not x.')).scenarioCount).toBe(7);
  });

  it('checkIt reads proof_id or zk_proof_id and keeps the raw payload', async () => {
    const sat = await client().checkIt({ policyId: POLICY_ID, action: 'a' });
    expect(sat).toMatchObject({ result: 'SAT', proofId: PROOF_ID, verificationTimeMs: 7012 });
    server.use(http.post(`${BASE}/checkIt`, () => sseResponse(checkItZk)));
    const zk = await client().checkIt({ policyId: POLICY_ID, action: 'a' });
    expect(zk).toMatchObject({ proofId: 'zk-1', proofUrl: 'https://api.icme.io/v1/proof/zk-1' });
    expect(zk.raw).toEqual(checkItZk);
  });

  it('checkIt accepts a JSON body where SSE was expected', async () => {
    server.use(
      http.post(`${BASE}/checkIt`, () => HttpResponse.json({ result: 'SAT', check_id: 'j' })),
    );
    await expect(client().checkIt({ policyId: POLICY_ID, action: 'a' })).resolves.toMatchObject({
      checkId: 'j',
    });
  });

  it('checkRelevance normalises the screen and treats a missing should_check as relevant', async () => {
    await expect(
      client().checkRelevance({ policyId: POLICY_ID, action: 'a', threshold: 0.2 }),
    ).resolves.toMatchObject({
      relevance: 0.24,
      shouldCheck: true,
      matchedVariables: 4,
    });
    server.use(
      http.post(`${BASE}/checkRelevance`, () =>
        HttpResponse.json({ relevance: 0, matched_variables: [] }),
      ),
    );
    await expect(
      client().checkRelevance({ policyId: POLICY_ID, action: 'a' }),
    ).resolves.toMatchObject({
      shouldCheck: true,
      matchedVariables: 0,
    });
  });

  it('getPolicy parses variables and enum codes from the SMT-LIB comments', async () => {
    const policy = await client().getPolicy(POLICY_ID);
    expect(policy.variables.map((v) => v.name)).toEqual([
      'isDataRoomContentInvolved',
      'transmissionDestination',
      'approvalToken',
      'isTransmissionAllowed',
    ]);
    expect(policy.variables[1]?.enumValues).toEqual({
      TransmissionDestination_INSIDE_WORKSPACE: 0,
      TransmissionDestination_OUTSIDE_WORKSPACE: 1,
      TransmissionDestination_OTHER: 2,
    });
    server.use(
      http.get(`${BASE}/policy/:id`, () =>
        HttpResponse.json({ policy_id: 'x', smtlib: '; var a_b (Bool): x' }),
      ),
    );
    expect((await client().getPolicy('x')).variables).toEqual([
      { name: 'a_b', type: 'Bool', description: 'x' },
    ]);
  });

  it('getProof is pending on 404 and ready with numeric or string claimed_result', async () => {
    server.use(
      http.get(
        `${BASE}/proof/:id`,
        () => HttpResponse.json({ error: 'not ready' }, { status: 404 }),
        { once: true },
      ),
    );
    await expect(client().getProof(PROOF_ID)).resolves.toEqual({ ready: false });
    const ready = await client().getProof(PROOF_ID);
    expect(ready.ready && ready.metadata.claimedResult).toBe('SAT');
    server.use(http.get(`${BASE}/proof/:id`, () => HttpResponse.json({ status: 'pending' })));
    await expect(client().getProof(PROOF_ID)).resolves.toEqual({ ready: false });
  });

  it('verifyProof accepts a string claimed_result; a second consuming call is ICME_CONFLICT', async () => {
    await expect(client().verifyProof(PROOF_ID)).resolves.toMatchObject({
      valid: true,
      claimedResult: 'SAT',
    });
    server.use(
      http.post(`${BASE}/verifyProof`, () => HttpResponse.json({ error: 'used' }, { status: 409 })),
    );
    await expect(client().verifyProof(PROOF_ID)).rejects.toMatchObject({ code: 'ICME_CONFLICT' });
  });

  it('downloads proof bytes; 409 after the single use', async () => {
    await expect(client().downloadProof(PROOF_ID)).resolves.toEqual(new Uint8Array([1, 2, 3]));
    server.use(
      http.get(`${BASE}/proof/:id/download`, () => HttpResponse.json({}, { status: 409 })),
    );
    await expect(client().downloadProof(PROOF_ID)).rejects.toMatchObject({ code: 'ICME_CONFLICT' });
  });

  it('retries proof calls without the key after 401/403 (keyless proof endpoints)', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.get(`${BASE}/proof/:id`, ({ request }) => {
        keys.push(request.headers.get('x-api-key'));
        return request.headers.get('x-api-key')
          ? HttpResponse.json({}, { status: 403 })
          : HttpResponse.json({ proof_id: PROOF_ID, claimed_result: 1 });
      }),
    );
    const status = await client().getProof(PROOF_ID);
    expect(status.ready && status.metadata.claimedResult).toBe('UNSAT');
    expect(keys).toEqual(['sk-smt-test', null]);
  });

  it('me tolerates missing fields', async () => {
    await expect(client().me()).resolves.toMatchObject({ username: 'alice', credits: 325 });
    server.use(http.get(`${BASE}/me`, () => HttpResponse.json({})));
    await expect(client().me()).resolves.toMatchObject({ credits: undefined });
  });

  it.each([
    [401, 'ICME_UNAUTHORIZED'],
    [403, 'ICME_UNAUTHORIZED'],
    [402, 'ICME_INSUFFICIENT_CREDITS'],
    [404, 'ICME_NOT_FOUND'],
    [400, 'ICME_BAD_REQUEST'],
    [500, 'ICME_SERVER'],
    [503, 'ICME_SERVER'],
  ])('maps HTTP %i to %s (and never retries a paid checkIt)', async (status, code) => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/checkIt`, () => {
        calls++;
        return HttpResponse.json({ error: 'nope' }, { status });
      }),
    );
    await expect(client().checkIt({ policyId: POLICY_ID, action: 'a' })).rejects.toMatchObject({
      code,
      details: { status, endpoint: 'checkIt' },
    });
    expect(calls).toBe(1);
  });

  it('maps a 402-less INSUFFICIENT_CREDITS body code too', async () => {
    server.use(
      http.post(`${BASE}/checkRelevance`, () =>
        HttpResponse.json({ code: 'INSUFFICIENT_CREDITS' }, { status: 400 }),
      ),
    );
    await expect(
      client().checkRelevance({ policyId: POLICY_ID, action: 'a' }),
    ).rejects.toMatchObject({
      code: 'ICME_INSUFFICIENT_CREDITS',
    });
  });

  it('retries the free relevance screen and GETs on 5xx, within the attempt bound', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/checkRelevance`, () => {
        calls++;
        return calls < 3
          ? HttpResponse.json({}, { status: 502 })
          : HttpResponse.json({ should_check: false });
      }),
    );
    await expect(
      client().checkRelevance({ policyId: POLICY_ID, action: 'a' }),
    ).resolves.toMatchObject({ shouldCheck: false });
    expect(calls).toBe(3);
    calls = 0;
    server.use(
      http.get(`${BASE}/me`, () => {
        calls++;
        return HttpResponse.json({}, { status: 500 });
      }),
    );
    await expect(client({ retry: { attempts: 2, initialDelayMs: 1 } }).me()).rejects.toMatchObject({
      code: 'ICME_SERVER',
    });
    expect(calls).toBe(2);
  });

  it('honours 429 Retry-After, even for checkIt (the server refused it unprocessed)', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/checkIt`, () => {
        calls++;
        return calls === 1
          ? HttpResponse.json(
              { error: 'slow down' },
              { status: 429, headers: { 'retry-after': '0' } },
            )
          : sseResponse(checkItArVeto);
      }),
    );
    await expect(client().checkIt({ policyId: POLICY_ID, action: 'a' })).resolves.toMatchObject({
      result: 'UNSAT',
    });
    expect(calls).toBe(2);
  });

  it('gives up on 429 when Retry-After exceeds the deadline', async () => {
    server.use(
      http.post(`${BASE}/checkIt`, () =>
        HttpResponse.json({}, { status: 429, headers: { 'retry-after': '3600' } }),
      ),
    );
    await expect(client().checkIt({ policyId: POLICY_ID, action: 'a' })).rejects.toMatchObject({
      code: 'ICME_RATE_LIMITED',
      details: { retryAfterMs: 3_600_000 },
    });
  });

  it('does not retry checkIt after a network error (it may have been charged)', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/checkIt`, () => {
        calls++;
        return HttpResponse.error();
      }),
    );
    await expect(client().checkIt({ policyId: POLICY_ID, action: 'a' })).rejects.toMatchObject({
      code: 'ICME_NETWORK',
    });
    expect(calls).toBe(1);
  });

  it('rejects malformed bodies as ICME_PROTOCOL with the raw payload', async () => {
    server.use(
      http.post(
        `${BASE}/checkRelevance`,
        () => new HttpResponse('<html>oops</html>', { headers: { 'content-type': 'text/html' } }),
      ),
    );
    await expect(
      client().checkRelevance({ policyId: POLICY_ID, action: 'a' }),
    ).rejects.toMatchObject({ code: 'ICME_PROTOCOL' });
    server.use(http.post(`${BASE}/makeRules`, () => sseResponse({ step: 'done', status: 'ok' })));
    await expect(client().makeRules('1. x')).rejects.toMatchObject({
      code: 'ICME_PROTOCOL',
      details: { raw: { step: 'done', status: 'ok' } },
    });
  });

  it('fails without an API key before sending anything', async () => {
    await expect(
      client({ apiKey: '' }).checkIt({ policyId: POLICY_ID, action: 'a' }),
    ).rejects.toMatchObject({
      code: 'ICME_UNAUTHORIZED',
    });
  });

  it('aborts on the caller signal and times out on the deadline', async () => {
    server.use(http.post(`${BASE}/checkIt`, () => new Promise<Response>(() => undefined)));
    const controller = new AbortController();
    const pending = client().checkIt(
      { policyId: POLICY_ID, action: 'a' },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ICME_ABORTED' });
    await expect(
      client({ timeouts: { checkMs: 30 } }).checkIt({ policyId: POLICY_ID, action: 'a' }),
    ).rejects.toMatchObject({
      code: 'ICME_TIMEOUT',
      details: { deadline: true },
    });
  });
});

describe('fetch transport timeouts', () => {
  it('times out a stream that goes silent (body idle timeout)', async () => {
    server.use(
      http.post(`${BASE}/checkIt`, () => {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('data: {"step":"1/3","msg":"a"}\n\n'));
          },
        });
        return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    await expect(
      client({ timeouts: { streamIdleMs: 50 } }).checkIt({ policyId: POLICY_ID, action: 'a' }),
    ).rejects.toMatchObject({ code: 'ICME_TIMEOUT' });
  });
});
