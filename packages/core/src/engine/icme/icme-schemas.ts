import { z } from 'zod';

/**
 * zod schemas for ICME responses. They accept every field variant seen in the wild (see
 * shared/reference/icme-preflight-api.md §7), normalise them to camelCase results, and keep the
 * raw payload for receipts. Unknown extra fields are allowed: ICME adds fields over time.
 */

const optionalString = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);
const optionalNumber = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+(\.\d+)?$/)
      .transform(Number),
  ])
  .nullish()
  .transform((value) => value ?? undefined);
function toNumber(value: number | string | null | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** A count that some sources send as the list itself. */
const count = z
  .union([z.number().int().nonnegative(), z.array(z.unknown()).transform((list) => list.length)])
  .nullish()
  .transform((value) => value ?? undefined);

/** Plain field validators without per-field transforms: the checkIt answer is on the hot path. */
const str = z.string().nullish();

/** The fields of the terminal `done` event of `checkIt`, validated; unknown fields are kept. */
export const checkItDoneFieldsSchema = z.looseObject({
  check_id: str,
  result: str,
  detail: str,
  z3_result: str,
  ar_result: str,
  ar_detail: str,
  llm_result: str,
  extracted: z.record(z.string(), z.unknown()).nullish(),
  verification_time_ms: z.union([z.number(), z.string()]).nullish(),
  duration_ms: z.union([z.number(), z.string()]).nullish(),
  proof_id: str,
  zk_proof_id: str,
  proof_url: str,
  zk_proof_url: str,
});

/** A `checkIt` answer: the `done` event normalised to camelCase, with the raw payload. */
export interface CheckItResult {
  checkId: string | undefined;
  result: string | undefined;
  detail: string | undefined;
  z3Result: string | undefined;
  arResult: string | undefined;
  arDetail: string | undefined;
  llmResult: string | undefined;
  extracted: Record<string, unknown> | undefined;
  verificationTimeMs: number | undefined;
  proofId: string | undefined;
  proofUrl: string | undefined;
  raw: Record<string, unknown>;
}

/**
 * Maps validated `done` fields to a {@link CheckItResult}. A plain function rather than a zod
 * `.transform`: on the per-check hot path zod's pipe costs a few microseconds more than the
 * validation itself.
 */
export function toCheckItResult(raw: z.output<typeof checkItDoneFieldsSchema>): CheckItResult {
  return {
    checkId: raw.check_id ?? undefined,
    result: raw.result ?? undefined,
    detail: raw.detail ?? undefined,
    z3Result: raw.z3_result ?? undefined,
    arResult: raw.ar_result ?? undefined,
    arDetail: raw.ar_detail ?? undefined,
    llmResult: raw.llm_result ?? undefined,
    extracted: raw.extracted ?? undefined,
    verificationTimeMs: toNumber(raw.verification_time_ms ?? raw.duration_ms),
    proofId: raw.proof_id ?? raw.zk_proof_id ?? undefined,
    proofUrl: raw.proof_url ?? raw.zk_proof_url ?? undefined,
    raw: raw as Record<string, unknown>,
  };
}

/** The terminal `done` event of `checkIt`, validated and mapped (same as the client's path). */
export const checkItDoneSchema = checkItDoneFieldsSchema.transform(toCheckItResult);

/** `POST /checkRelevance`. `should_check` missing means "check": screening must not fail open. */
export const relevanceSchema = z
  .looseObject({
    relevance: optionalNumber,
    matched_variables: count,
    total_variables: optionalNumber,
    matched: z.array(z.string()).nullish(),
    should_check: z.boolean().nullish(),
    threshold: optionalNumber,
    time_ms: optionalNumber,
  })
  .transform((raw) => ({
    relevance: raw.relevance,
    shouldCheck: raw.should_check ?? true,
    matched: raw.matched ?? [],
    matchedVariables: raw.matched_variables,
    totalVariables: raw.total_variables,
    threshold: raw.threshold,
    timeMs: raw.time_ms,
    raw: raw as Record<string, unknown>,
  }));
export type RelevanceResult = z.output<typeof relevanceSchema>;

/** The terminal `done` event of `makeRules`. */
export const makeRulesDoneSchema = z
  .looseObject({
    policy_id: z.string().min(1),
    rule_count: optionalNumber,
    scenarios: count,
    scenario_count: count,
    generation_time_ms: optionalNumber,
    status: optionalString,
  })
  .transform((raw) => ({
    policyId: raw.policy_id,
    ruleCount: raw.rule_count,
    scenarioCount: raw.scenarios ?? raw.scenario_count,
    generationTimeMs: raw.generation_time_ms,
    raw: raw as Record<string, unknown>,
  }));
export type MakeRulesResult = z.output<typeof makeRulesDoneSchema>;

/** `claimed_result`: 0/1 (live `GET /proof`) or "SAT"/"UNSAT" (some `verifyProof` typings). */
const claimedResult = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value): 'SAT' | 'UNSAT' | undefined => {
    if (value === 0 || value === 'SAT' || value === '0') return 'SAT';
    if (value === 1 || value === 'UNSAT' || value === '1') return 'UNSAT';
    return undefined;
  });

/** Proof metadata from `GET /proof/{id}`. */
export const proofMetadataSchema = z
  .looseObject({
    proof_id: optionalString,
    policy_id: optionalString,
    policy_hash: optionalString,
    claimed_result: claimedResult,
    result: optionalString,
    valid: z.boolean().nullish(),
    used: z.boolean().nullish(),
    status: optionalString,
    trace_length: optionalNumber,
    prove_ms: optionalNumber,
    verify_ms: optionalNumber,
    proof_bytes_len: optionalNumber,
    created_at: optionalString,
  })
  .transform((raw) => ({
    proofId: raw.proof_id,
    policyId: raw.policy_id,
    policyHash: raw.policy_hash,
    claimedResult: raw.claimed_result,
    result: raw.result,
    valid: raw.valid ?? undefined,
    used: raw.used ?? undefined,
    status: raw.status,
    proveMs: raw.prove_ms,
    verifyMs: raw.verify_ms,
    proofBytesLength: raw.proof_bytes_len,
    createdAt: raw.created_at,
    raw: raw as Record<string, unknown>,
  }));
export type ProofMetadata = z.output<typeof proofMetadataSchema>;

/** `POST /verifyProof` (consumes the proof). */
export const verifyProofSchema = z
  .looseObject({
    valid: z.boolean(),
    policy_hash: optionalString,
    claimed_result: claimedResult,
    verify_ms: optionalNumber,
    used: z.boolean().nullish(),
    result: optionalString,
  })
  .transform((raw) => ({
    valid: raw.valid,
    policyHash: raw.policy_hash,
    claimedResult: raw.claimed_result,
    verifyMs: raw.verify_ms,
    used: raw.used ?? undefined,
    result: raw.result,
    raw: raw as Record<string, unknown>,
  }));
export type VerifyProofResult = z.output<typeof verifyProofSchema>;

/** `GET /me`: every field optional. */
export const accountSchema = z
  .looseObject({
    id: z.union([z.string(), z.number()]).nullish(),
    username: optionalString,
    credits: optionalNumber,
    admin: z.boolean().nullish(),
  })
  .transform((raw) => ({
    id: raw.id == null ? undefined : String(raw.id),
    username: raw.username,
    credits: raw.credits,
    admin: raw.admin ?? undefined,
    raw: raw as Record<string, unknown>,
  }));
export type IcmeAccount = z.output<typeof accountSchema>;

/** `GET /policy/{id}`. `smt` is the live key; S2 also probes the others. */
export const compiledPolicySchema = z
  .looseObject({
    policy_id: optionalString,
    original_text: optionalString,
    smt: optionalString,
    smtlib: optionalString,
    smt_lib: optionalString,
    compiled: optionalString,
    smt_content: optionalString,
    rules_parsed: z.array(z.string()).nullish(),
    parsed_rules: z.array(z.string()).nullish(),
    rule_count: optionalNumber,
    created_at: optionalString,
  })
  .transform((raw) => ({
    policyId: raw.policy_id,
    originalText: raw.original_text,
    smt: raw.smt ?? raw.smtlib ?? raw.smt_lib ?? raw.compiled ?? raw.smt_content,
    rules: raw.rules_parsed ?? raw.parsed_rules ?? [],
    ruleCount: raw.rule_count,
    createdAt: raw.created_at,
    raw: raw as Record<string, unknown>,
  }));
export type CompiledPolicyResponse = z.output<typeof compiledPolicySchema>;
