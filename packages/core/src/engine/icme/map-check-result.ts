import type { DecisionResult } from '../../guard/types';
import type { CheckItResult } from './icme-schemas';

/** Which layer of ICME's answer a verdict rests on. */
export type IcmeLayer = 'result' | 'z3_result' | 'ar_result' | 'llm_result';

/** The decision read from a `checkIt` answer. */
export interface IcmeDecision {
  result: DecisionResult;
  reason: string;
  /** Layers that answered UNSAT (empty unless `result` is UNSAT). */
  blockedBy: IcmeLayer[];
  /** The value that made the answer uncertain (`AR uncertain`, `SATISFIABLE`, ...). */
  uncertainValue?: string;
}

/** Values that mean "it depends" rather than "no decision": the guard's uncertain policy applies. */
const uncertainValues = new Set([
  'AR UNCERTAIN',
  'UNCERTAIN',
  'SATISFIABLE',
  'IMPOSSIBLE',
  'TRANSLATION_AMBIGUOUS',
]);

const norm = (value: string | undefined) =>
  value
    ?.trim()
    .toUpperCase()
    .replace(/[\s-]+/g, ' ');

/**
 * ICME's answer to an engine result, fail closed:
 * - any layer (`result`, `z3_result`, `ar_result`, `llm_result`) UNSAT, or AR `INVALID`
 *   (AWS vocabulary: the claims are false) -> UNSAT, naming the layers;
 * - `result` SAT and no layer UNSAT -> SAT;
 * - `AR uncertain`, SATISFIABLE, IMPOSSIBLE, TRANSLATION_AMBIGUOUS -> SATISFIABLE (uncertain,
 *   blocked by default by the guard);
 * - ERROR, a missing or an unknown `result` -> ERROR.
 */
export function mapCheckResult(check: CheckItResult): IcmeDecision {
  const layers: [IcmeLayer, string | undefined][] = [
    ['result', norm(check.result)],
    ['z3_result', norm(check.z3Result)],
    ['ar_result', norm(check.arResult)],
    ['llm_result', norm(check.llmResult)],
  ];
  const blockedBy = layers
    .filter(([layer, value]) => value === 'UNSAT' || (layer === 'ar_result' && value === 'INVALID'))
    .map(([layer]) => layer);
  const detail = check.detail ? ` (${check.detail})` : '';
  if (blockedBy.length > 0) {
    return {
      result: 'UNSAT',
      reason: `ICME found a violation: ${blockedBy.join(', ')} UNSAT${detail}`,
      blockedBy,
    };
  }
  const result = norm(check.result);
  if (result === 'SAT') {
    return { result: 'SAT', reason: `ICME: consistent with the policy${detail}`, blockedBy };
  }
  if (result !== undefined && uncertainValues.has(result)) {
    return {
      result: 'SATISFIABLE',
      reason: `ICME could not decide: ${check.result}${detail}`,
      blockedBy,
      uncertainValue: check.result,
    };
  }
  return {
    result: 'ERROR',
    reason:
      result === undefined
        ? 'ICME answered without a result'
        : result === 'ERROR'
          ? `ICME reported an error${detail}`
          : `ICME answered an unrecognised result "${check.result}"${detail}`,
    blockedBy,
    ...(check.result ? { uncertainValue: check.result } : {}),
  };
}
