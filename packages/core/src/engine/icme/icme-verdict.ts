import type { EngineVerdict } from '../../guard/types';
import { describeMismatches, type ExtractionMismatch } from './compare-extraction';
import type { CheckItResult } from './icme-schemas';
import { mapCheckResult } from './map-check-result';

export interface IcmeVerdictOptions {
  /** Engine name in the verdict. */
  engine: string;
  /** The `checkIt` answer. */
  result: CheckItResult;
  /** Details gathered before the check (policy id, description sent, relevance, ...). */
  details: Readonly<Record<string, unknown>>;
  /** The extraction check's findings; absent when extraction is not verified. */
  mismatches?: readonly ExtractionMismatch[];
}

/**
 * One `checkIt` answer as an engine verdict: mapped fail-closed by `mapCheckResult`, with ICME's
 * evidence (check id, sub-results, proof, `extracted`, the raw payload) in `details`. Any answer
 * but UNSAT whose extraction does not match what was sent (a SAT, or an uncertain SATISFIABLE)
 * becomes an `ERROR` with code `ICME_EXTRACTION_MISMATCH`: ICME reasoned about other facts than
 * the action's. Not SATISFIABLE, because the guard may be configured to allow uncertain answers.
 * UNSAT keeps its result (it blocks anyway); its mismatches are only recorded.
 */
export function icmeVerdict({
  engine,
  result,
  details,
  mismatches,
}: IcmeVerdictOptions): EngineVerdict {
  const decision = mapCheckResult(result);
  const evidence = {
    ...details,
    screened: false,
    checkId: result.checkId,
    icmeResult: result.result,
    detail: result.detail,
    z3Result: result.z3Result,
    arResult: result.arResult,
    arDetail: result.arDetail,
    llmResult: result.llmResult,
    blockedBy: decision.blockedBy,
    ...(decision.uncertainValue ? { uncertainValue: decision.uncertainValue } : {}),
    proofId: result.proofId,
    proofUrl: result.proofUrl,
    extracted: result.extracted,
    ...(mismatches ? { extractionMismatches: mismatches } : {}),
    verificationTimeMs: result.verificationTimeMs,
    raw: result.raw,
  };
  if (decision.result !== 'UNSAT' && mismatches && mismatches.length > 0) {
    return {
      engine,
      result: 'ERROR',
      violations: [],
      unknown: [],
      reason: `ICME answered ${result.result ?? 'without a result'} about other values than those sent (${describeMismatches(mismatches)})`,
      details: { ...evidence, errorCode: 'ICME_EXTRACTION_MISMATCH' },
    };
  }
  return {
    engine,
    result: decision.result,
    violations: [],
    unknown: [],
    reason: decision.reason,
    details: evidence,
  };
}
