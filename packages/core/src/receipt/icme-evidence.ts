import type { IcmeEvidence } from './receipt-schema';

/**
 * Picks the ICME identifiers out of an engine verdict's free-form `details`. Accepts the API's
 * snake_case names (and the older `zk_proof_*` names) as well as camelCase, keeps strings only,
 * and drops everything else, so raw payloads never reach the signed receipt.
 */
export function extractIcmeEvidence(details: unknown): IcmeEvidence | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const source = details as Record<string, unknown>;
  const nested = pick(source, ['subResults', 'sub_results']);
  const subSource =
    typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>) : source;
  // Members are only set when present (no undefined members to filter out afterwards): this
  // runs for every verdict of every decision.
  const evidence: IcmeEvidence = {};
  let found = false;
  for (const [key, names] of FIELDS) found = putText(evidence, key, pick(source, names)) || found;
  const subResults: NonNullable<IcmeEvidence['subResults']> = {};
  let foundSub = false;
  for (const [key, names] of SUB_RESULTS) {
    foundSub = putText(subResults, key, pick(subSource, names)) || foundSub;
  }
  if (foundSub) evidence.subResults = subResults;
  return found || foundSub ? evidence : undefined;
}

/** Each member and the names it may arrive under, in order of preference. */
const FIELDS: ReadonlyArray<readonly [Exclude<keyof IcmeEvidence, 'subResults'>, string[]]> = [
  ['checkId', ['checkId', 'check_id']],
  ['proofId', ['proofId', 'proof_id', 'zkProofId', 'zk_proof_id']],
  ['proofUrl', ['proofUrl', 'proof_url', 'zkProofUrl', 'zk_proof_url']],
  ['policyId', ['policyId', 'policy_id']],
  ['result', ['icmeResult', 'rawResult', 'raw_result']],
  ['detail', ['detail']],
];

const SUB_RESULTS: ReadonlyArray<readonly ['z3' | 'ar' | 'llm', string[]]> = [
  ['z3', ['z3', 'z3_result', 'z3Result']],
  ['ar', ['ar', 'ar_result', 'arResult']],
  ['llm', ['llm', 'llm_result', 'llmResult']],
];

/** Sets `target[key]` to `value` if it is a non-empty string; says whether it did. */
function putText(target: Record<string, unknown>, key: string, value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  target[key] = value;
  return true;
}

function pick(source: Record<string, unknown>, names: string[]): unknown {
  for (const name of names) if (source[name] !== undefined) return source[name];
  return undefined;
}
