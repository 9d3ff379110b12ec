import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../guard/types';
import {
  BASE,
  checkItArVeto,
  checkItSat,
  icmeHandlers,
  POLICY_ID,
  PROOF_ID,
  sseResponse,
} from './__fixtures__/icme-api';
import { createIcmeEngine, type IcmeEngineOptions } from './create-icme-engine';
import { createIcmeClient } from './icme-client';

// The action below sends approval_token (ICME's approvalToken) as false: ICME's answer must show
// it in `extracted`, or the extraction check turns the SAT into an ERROR.
const checkItMatching = {
  ...checkItSat,
  extracted: { ...checkItSat.extracted, approvalToken: false },
};
const server = setupServer(
  http.post(`${BASE}/checkIt`, () => sseResponse(checkItMatching)),
  ...icmeHandlers,
);
const sent: { path: string; body: Record<string, unknown> }[] = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    const body =
      request.method === 'POST' ? ((await request.clone().json()) as Record<string, unknown>) : {};
    sent.push({ path: new URL(request.url).pathname.replace('/v1', ''), body });
  });
});
afterEach(() => {
  server.resetHandlers();
  sent.length = 0;
});
afterAll(() => server.close());

const action = (
  description = 'PreFlight action v1\napproval_token: not provided\nrecord_count: 3',
): Action => ({
  tool: 'export',
  toolCallId: 't1',
  sessionId: 's1',
  variables: {
    approval_token: { value: false, provenance: 'context' },
    record_count: { value: 3, provenance: 'arg' },
  },
  description,
  digest: 'sha256:0',
  argsDigest: 'sha256:1',
  assignment: { approval_token: false, record_count: 3 },
});

const engine = (options: Partial<IcmeEngineOptions> = {}) =>
  createIcmeEngine({
    client: createIcmeClient({
      apiKey: 'sk-smt-test',
      baseUrl: BASE,
      retry: { initialDelayMs: 1, attempts: 2 },
    }),
    policyId: POLICY_ID,
    ...options,
  });

const paths = () => sent.map((s) => s.path);

describe('createIcmeEngine', () => {
  it('screens, then checks, and records the ICME evidence in details', async () => {
    const verdict = await engine().decide(action());
    expect(verdict).toMatchObject({ engine: 'icme', result: 'SAT' });
    expect(verdict.details).toMatchObject({
      policyId: POLICY_ID,
      checkId: checkItSat.check_id,
      z3Result: 'SAT',
      arResult: 'SAT',
      llmResult: 'SAT',
      proofId: PROOF_ID,
      extracted: checkItMatching.extracted,
      expectedExtraction: { approvalToken: false },
      extractionMismatches: [],
      screened: false,
      cached: false,
      raw: checkItMatching,
    });
    expect(paths()).toEqual([`/policy/${POLICY_ID}`, '/checkRelevance', '/checkIt']);
  });

  it('uses the compiled policy variable names in the description it sends', async () => {
    const verdict = await engine().decide(action());
    const checkIt = sent.find((s) => s.path === '/checkIt');
    // ICME declares approvalToken Bool: "not provided" goes on the wire as false
    expect(checkIt?.body['action']).toBe(
      'PreFlight action v1\napprovalToken: false\nrecord_count: 3',
    );
    expect(verdict.details?.['variableNames']).toEqual({ approval_token: 'approvalToken' });
    const explicit = await engine({
      variableNames: { record_count: 'recordsExported' },
      cache: false,
    }).decide(action());
    expect(explicit.details?.['actionSent']).toBe(
      'PreFlight action v1\napprovalToken: false\nrecordsExported: 3',
    );
  });

  it('skips the paid check when the screen says the action is irrelevant', async () => {
    server.use(
      http.post(`${BASE}/checkRelevance`, () =>
        HttpResponse.json({ relevance: 0, should_check: false }),
      ),
    );
    const verdict = await engine().decide(action());
    expect(verdict).toMatchObject({ result: 'SAT', details: { screened: true } });
    expect(paths()).not.toContain('/checkIt');
  });

  it('still runs the paid check when the screen fails', async () => {
    server.use(http.post(`${BASE}/checkRelevance`, () => HttpResponse.json({}, { status: 500 })));
    const verdict = await engine().decide(action());
    expect(verdict.result).toBe('SAT');
    expect(verdict.details?.['relevanceError']).toMatchObject({ errorCode: 'ICME_SERVER' });
  });

  it('blocks on an AR veto and records the layer', async () => {
    server.use(http.post(`${BASE}/checkIt`, () => sseResponse(checkItArVeto)));
    // checkItArVeto's extracted lacks approvalToken: a block stays a block, mismatch recorded
    const verdict = await engine().decide(action());
    expect(verdict).toMatchObject({
      result: 'UNSAT',
      details: { blockedBy: ['result', 'ar_result'] },
    });
    expect(verdict.reason).toContain('AR blocked');
    expect(verdict.details?.['extractionMismatches']).toEqual([
      { variable: 'approvalToken', sent: false, missing: true },
    ]);
  });

  it('fails closed on a SAT whose extracted lacks a variable sent, and never caches it', async () => {
    server.use(http.post(`${BASE}/checkIt`, () => sseResponse(checkItSat)));
    const checked = engine();
    const verdict = await checked.decide(action());
    expect(verdict).toMatchObject({
      result: 'ERROR',
      details: {
        errorCode: 'ICME_EXTRACTION_MISMATCH',
        icmeResult: 'SAT',
        proofId: PROOF_ID,
        extractionMismatches: [{ variable: 'approvalToken', sent: false, missing: true }],
      },
    });
    expect(verdict.reason).toContain('approvalToken sent false, extracted nothing');
    await checked.decide(action());
    expect(paths().filter((p) => p === '/checkIt')).toHaveLength(2);
    const unchecked = await engine({ verifyExtraction: false }).decide(action());
    expect(unchecked.result).toBe('SAT');
    expect(unchecked.details).not.toHaveProperty('expectedExtraction');
    expect(unchecked.details).not.toHaveProperty('extractionMismatches');
  });

  it('turns every failure into an ERROR verdict with its code, never a throw', async () => {
    server.use(
      http.post(`${BASE}/checkIt`, () =>
        HttpResponse.json({ error: 'Out of credits' }, { status: 402 }),
      ),
    );
    const verdict = await engine().decide(action());
    expect(verdict).toMatchObject({
      result: 'ERROR',
      details: { errorCode: 'ICME_INSUFFICIENT_CREDITS' },
    });
    expect(verdict.reason).toMatch(/out of credits/i);
    server.use(
      http.post(`${BASE}/checkIt`, () => sseResponse({ step: '3/3', msg: 'still going' })),
    );
    expect((await engine().decide(action())).details).toMatchObject({ errorCode: 'ICME_PROTOCOL' });
  });

  it('works without GET /policy (older policies answer 404)', async () => {
    server.use(http.get(`${BASE}/policy/:id`, () => HttpResponse.json({}, { status: 404 })));
    const verdict = await engine().decide(action());
    expect(verdict.result).toBe('SAT');
    expect(sent.find((s) => s.path === '/checkIt')?.body['action']).toContain(
      'approval_token: not provided',
    );
  });

  it('caches SAT/UNSAT per policy and description, not errors or uncertain answers', async () => {
    const cached = engine();
    await cached.decide(action());
    const again = await cached.decide(action());
    expect(again.details?.['cached']).toBe(true);
    expect(paths().filter((p) => p === '/checkIt')).toHaveLength(1);
    server.use(
      http.post(`${BASE}/checkIt`, () => sseResponse({ step: 'done', result: 'AR uncertain' })),
    );
    const uncertain = engine();
    await uncertain.decide(action());
    await uncertain.decide(action());
    expect(paths().filter((p) => p === '/checkIt')).toHaveLength(3);
  });

  it('runs parallel checks within the concurrency limit and joins identical ones', async () => {
    let running = 0;
    let peak = 0;
    server.use(
      http.post(`${BASE}/checkIt`, async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
        return sseResponse(checkItMatching);
      }),
    );
    const limited = engine({ concurrency: 2, screen: false });
    const verdicts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        limited.decide(action(`d${i % 5}\napproval_token: provided`)),
      ),
    );
    expect(verdicts.every((v) => v.result === 'SAT')).toBe(true);
    expect(peak).toBe(2);
    expect(paths().filter((p) => p === '/checkIt')).toHaveLength(5);
  });

  it('hands proof ids to onProof and aborts on the caller signal', async () => {
    const proofs: string[] = [];
    await engine({ onProof: (id) => proofs.push(id) }).decide(action());
    expect(proofs).toEqual([PROOF_ID]);
    server.use(http.post(`${BASE}/checkIt`, () => new Promise<Response>(() => undefined)));
    const controller = new AbortController();
    const pending = engine({ screen: false }).decide(action(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).resolves.toMatchObject({
      result: 'ERROR',
      details: { errorCode: 'ICME_ABORTED' },
    });
  });
});
