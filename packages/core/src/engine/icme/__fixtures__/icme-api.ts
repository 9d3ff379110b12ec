import { HttpResponse, http } from 'msw';

/**
 * Response shapes of the ICME PreFlight API, as recorded in shared/reference/icme-preflight-api.md.
 * Sources: the makeRules done event and the `GET /policy/{id}` body are abridged from live captures
 * committed in hshadab/harvey (`policy/policy.json`, `policy/compiled_policy.json`, Aug 2026); proof
 * metadata from its `receipts/*.meta.json`; the checkIt shapes from the reference §3.3 table.
 */
export const BASE = 'https://api.icme.test/v1';
export const POLICY_ID = 'd777b3d8-b2c3-4a1c-a24d-81790156f75d';
export const PROOF_ID = '5b1e7c52-0d43-4c55-9a41-3c1b3f1de0aa';

export const compiledPolicyBody = {
  policy_id: POLICY_ID,
  original_text: 'Rule 1: No content from the data room may be sent ...',
  smt: [
    '(set-logic QF_LIRA)',
    '; var isDataRoomContentInvolved (Bool): True if the action involves content that originates from the data room.',
    '(declare-const isDataRoomContentInvolved Bool)',
    '; var transmissionDestination (Int): The destination category of the content transmission being attempted.',
    '; transmissionDestination values: TransmissionDestination_INSIDE_WORKSPACE = 0, TransmissionDestination_OUTSIDE_WORKSPACE = 1, TransmissionDestination_OTHER = 2',
    '(declare-const transmissionDestination Int)',
    '; var approvalToken (Bool): True if an approval token is provided.',
    '(declare-const approvalToken Bool)',
    '; var isTransmissionAllowed (Bool): True if the attempted transmission is permitted under the rules.',
    '(declare-const isTransmissionAllowed Bool)',
    '; Rule MFJJF99YCK1C (if isDataRoomContentInvolved is true and transmissionDestination is equal to TransmissionDestination_OUTSIDE_WORKSPACE, then isTransmissionAllowed is false)',
    '(assert (=> (and isDataRoomContentInvolved (= transmissionDestination 1)) (not isTransmissionAllowed)))',
    '(check-sat)',
    '(get-model)',
  ].join('\n'),
  rules_parsed: ['Rule 1: No content from the data room may be sent, uploaded, or'],
  rule_count: 1,
  created_at: '2026-08-14T13:17:35.043178Z',
};

/** makeRules done event, live shape (`scenarios` as a count). */
export const makeRulesDone = {
  step: 'done',
  status: 'ok',
  policy_id: POLICY_ID,
  rule_count: 13,
  scenarios: 0,
  generation_time_ms: 89390,
  next_steps: { get_scenarios: `GET /v1/policy/${POLICY_ID}/scenarios` },
};

/** checkIt done event, Aug 2026 naming (`proof_id`). */
export const checkItSat = {
  step: 'done',
  check_id: '0f2a4c4e-5a7e-4c7b-9d51-1f7f0f6f2b11',
  result: 'SAT',
  detail: 'Satisfiable',
  z3_result: 'SAT',
  ar_result: 'SAT',
  llm_result: 'SAT',
  extracted: { isDataRoomContentInvolved: false, transmissionDestination: 0 },
  verification_time_ms: 7012,
  proof_id: PROOF_ID,
  proof_url: `https://api.icme.io/v1/proof/${PROOF_ID}`,
};

/** checkIt done event where AR vetoed the solver (live `detail` text). */
export const checkItArVeto = {
  ...checkItSat,
  result: 'UNSAT',
  detail: 'AR blocked this action (local solver: SAT)',
  ar_result: 'UNSAT',
};

/** Mar–May 2026 naming (`zk_proof_id`). */
export const checkItZk = {
  step: 'done',
  check_id: 'c-zk',
  result: 'UNSAT',
  z3_result: 'UNSAT',
  zk_proof_id: 'zk-1',
  zk_proof_url: 'https://api.icme.io/v1/proof/zk-1',
};

/** Proof metadata, live shape (numeric `claimed_result`). */
export const proofMetadata = {
  proof_id: PROOF_ID,
  policy_id: POLICY_ID,
  policy_hash: 'a'.repeat(64),
  claimed_result: 0,
  result: 'SAT',
  valid: true,
  used: false,
  trace_length: 1048576,
  prove_ms: 34227,
  verify_ms: 400,
  proof_bytes_len: 93418,
  created_at: '2026-08-14T13:20:01Z',
};

export const relevanceBody = {
  relevance: 0.24,
  matched_variables: 4,
  total_variables: 17,
  matched: ['isDataRoomContentInvolved'],
  should_check: true,
  threshold: 0.0,
  time_ms: 310,
};

/** An SSE body: progress steps, a keep-alive comment, then the given terminal payload. */
export function sse(
  terminal: unknown,
  { crlf = false, steps = 3 } = {},
): ReadableStream<Uint8Array> {
  const nl = crlf ? '\r\n' : '\n';
  const events = Array.from(
    { length: steps },
    (_, i) =>
      `data: ${JSON.stringify({ step: `${i + 1}/${steps}`, msg: `step ${i + 1}` })}${nl}${nl}`,
  );
  events.splice(1, 0, `: keep-alive${nl}${nl}`);
  events.push(`data: ${JSON.stringify(terminal)}${nl}${nl}`);
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const event of events) controller.enqueue(encoder.encode(event));
      controller.close();
    },
  });
}

export const sseResponse = (terminal: unknown, options?: { crlf?: boolean; steps?: number }) =>
  new HttpResponse(sse(terminal, options), { headers: { 'content-type': 'text/event-stream' } });

/** Handlers for the happy path of every endpoint. Tests override single routes with `server.use`. */
export const icmeHandlers = [
  http.post(`${BASE}/makeRules`, () => sseResponse(makeRulesDone)),
  http.post(`${BASE}/checkRelevance`, () => HttpResponse.json(relevanceBody)),
  http.post(`${BASE}/checkIt`, () => sseResponse(checkItSat)),
  http.get(`${BASE}/policy/:id`, () => HttpResponse.json(compiledPolicyBody)),
  http.get(`${BASE}/proof/:id`, () => HttpResponse.json(proofMetadata)),
  http.get(
    `${BASE}/proof/:id/download`,
    () =>
      new HttpResponse(new Uint8Array([1, 2, 3]), {
        headers: { 'content-type': 'application/octet-stream' },
      }),
  ),
  http.post(`${BASE}/verifyProof`, () =>
    HttpResponse.json({
      valid: true,
      policy_hash: 'a'.repeat(64),
      claimed_result: 'SAT',
      verify_ms: 412,
      used: true,
    }),
  ),
  http.get(`${BASE}/me`, () => HttpResponse.json({ username: 'alice', credits: 325 })),
];
