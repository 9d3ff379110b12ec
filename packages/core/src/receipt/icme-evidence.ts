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
  const evidence: IcmeEvidence = {
    checkId: text(pick(source, ['checkId', 'check_id'])),
    proofId: text(pick(source, ['proofId', 'proof_id', 'zkProofId', 'zk_proof_id'])),
    proofUrl: text(pick(source, ['proofUrl', 'proof_url', 'zkProofUrl', 'zk_proof_url'])),
    policyId: text(pick(source, ['policyId', 'policy_id'])),
    result: text(pick(source, ['icmeResult', 'rawResult', 'raw_result'])),
    detail: text(pick(source, ['detail'])),
  };
  const subResults = {
    z3: text(pick(subSource, ['z3', 'z3_result', 'z3Result'])),
    ar: text(pick(subSource, ['ar', 'ar_result', 'arResult'])),
    llm: text(pick(subSource, ['llm', 'llm_result', 'llmResult'])),
  };
  const compactSub = withoutUndefined(subResults);
  if (Object.keys(compactSub).length > 0) evidence.subResults = compactSub;
  const compact = withoutUndefined(evidence);
  return Object.keys(compact).length > 0 ? compact : undefined;
}

function pick(source: Record<string, unknown>, names: string[]): unknown {
  for (const name of names) if (source[name] !== undefined) return source[name];
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
