import { describeError as printError } from '../../adapter/describe-error';
import { sha256Hex } from '../../crypto';
import { PreflightError } from '../../errors';
import type { Action, Engine, EngineVerdict } from '../../guard/types';
import type { PolicyIR } from '../../policy/ir';
import { createConcurrencyLimiter } from './concurrency-limiter';
import { createDecisionCache, type DecisionCacheOptions } from './decision-cache';
import type { IcmeClient } from './icme-client';
import { matchIcmeVariableNames, renameVariables } from './icme-variable-names';
import { mapCheckResult } from './map-check-result';
import type { IcmeVariable } from './parse-smt-variables';
import type { IcmeProgress } from './read-icme-stream';

export interface IcmeEngineOptions {
  /** The API client (see `createIcmeClient`). Required. */
  client: IcmeClient;
  /** The compiled ICME policy to check against (from `policy push` / the lock file). Required. */
  policyId: string;
  /** Our policy IR: its variable names are renamed to ICME's where they match. Default: none
   * (only the action's own variables are renamed). */
  policy?: PolicyIR;
  /** Screen with the free `checkRelevance` first; skip the paid check when not relevant. Default true. */
  screen?: boolean;
  /** Relevance threshold (0..1) sent with the screen. Default: the API's (0.0). */
  relevanceThreshold?: number;
  /** Fetch `GET /policy/{id}` once and use its variable names in the description. Default true. */
  useIcmeVariableNames?: boolean;
  /** Explicit name map (ours -> ICME's), applied over the automatic matches. Default none. */
  variableNames?: Readonly<Record<string, string>>;
  /** Cache of SAT/UNSAT decisions; `false` disables it. Default 1000 entries, 10 min TTL. */
  cache?: DecisionCacheOptions | false;
  /** Most checks in flight at once (parallel tool calls). Default 8. */
  concurrency?: number;
  /** Receives every proof id (e.g. a `ProofCollector`). Default none. */
  onProof?: (proofId: string, verdict: EngineVerdict) => void;
  /** Progress of each check's stream. Default none. */
  onProgress?: (progress: IcmeProgress, action: Action) => void;
  /** Engine name in verdicts. Default `icme`. */
  name?: string;
}

/**
 * The ICME PreFlight API as an {@link Engine}: relevance screen, then `checkIt` only when the
 * action is relevant; answers mapped fail-closed by `mapCheckResult`; SAT/UNSAT cached per
 * (policy id, description sent); parallel checks bounded. `decide` never throws: every failure
 * is an `ERROR` verdict with its reason and error code.
 *
 * @example
 * const engine = createIcmeEngine({ client: createIcmeClient({ apiKey }), policyId });
 */
export function createIcmeEngine({
  client,
  policyId,
  policy,
  screen = true,
  relevanceThreshold,
  useIcmeVariableNames = true,
  variableNames = {},
  cache: cacheOptions = {},
  concurrency = 8,
  onProof,
  onProgress,
  name = 'icme',
}: IcmeEngineOptions): Engine {
  const cache = createDecisionCache<EngineVerdict>(
    cacheOptions === false ? { maxEntries: 0 } : cacheOptions,
  );
  const limiter = createConcurrencyLimiter(concurrency);
  const policyNames = policy?.variables.map((variable) => variable.name) ?? [];
  let icmeVariables: Promise<IcmeVariable[]> | undefined;
  let variablesRetryAt: number | undefined;
  // ours -> ICME's (or null: no unique match), memoised so that cache hits stay cheap
  const matched = new Map<string, string | null>();

  const nameMap = async (action: Action): Promise<Map<string, string>> => {
    const names = new Map<string, string>();
    if (useIcmeVariableNames) {
      if (!icmeVariables || (variablesRetryAt !== undefined && Date.now() >= variablesRetryAt)) {
        variablesRetryAt = undefined;
        icmeVariables = client.getPolicy(policyId).then(
          (compiled) => compiled.variables,
          (failure: unknown) => {
            // Older policies answer 404 for good; other failures are retried a minute later.
            if ((failure as { code?: unknown }).code !== 'ICME_NOT_FOUND') {
              variablesRetryAt = Date.now() + 60_000;
            }
            return [];
          },
        );
      }
      const variables = await icmeVariables;
      if (variables.length > 0) {
        for (const ours of [...policyNames, ...Object.keys(action.variables)]) {
          if (!matched.has(ours)) {
            matched.set(ours, matchIcmeVariableNames([ours], variables).get(ours) ?? null);
          }
          const theirs = matched.get(ours);
          if (theirs) names.set(ours, theirs);
        }
      }
    }
    for (const [ours, theirs] of Object.entries(variableNames)) names.set(ours, theirs);
    return names;
  };

  const error = (reason: string, details: Record<string, unknown>): EngineVerdict => ({
    engine: name,
    result: 'ERROR',
    violations: [],
    unknown: [],
    reason,
    details: { policyId, ...details },
  });

  async function check(action: Action, description: string, signal?: AbortSignal) {
    const details: Record<string, unknown> = { policyId, actionSent: description };
    if (screen) {
      try {
        const relevance = await client.checkRelevance(
          {
            policyId,
            action: description,
            ...(relevanceThreshold === undefined ? {} : { threshold: relevanceThreshold }),
          },
          { signal },
        );
        details['relevance'] = relevance.raw;
        if (!relevance.shouldCheck) {
          return {
            engine: name,
            result: 'SAT',
            violations: [],
            unknown: [],
            reason: 'ICME relevance screen: the action touches no policy variable',
            details: { ...details, screened: true },
          } satisfies EngineVerdict;
        }
      } catch (failure) {
        if (signal?.aborted) throw failure;
        // The screen only saves money: when it fails, the paid check still decides.
        details['relevanceError'] = describeError(failure);
      }
    }
    const result = await client.checkIt(
      { policyId, action: description },
      { signal, ...(onProgress ? { onProgress: (p: IcmeProgress) => onProgress(p, action) } : {}) },
    );
    const decision = mapCheckResult(result);
    const verdict: EngineVerdict = {
      engine: name,
      result: decision.result,
      violations: [],
      unknown: [],
      reason: decision.reason,
      details: {
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
        verificationTimeMs: result.verificationTimeMs,
        raw: result.raw,
      },
    };
    if (result.proofId && onProof) {
      try {
        onProof(result.proofId, verdict);
      } catch {
        // proof collection is best effort and must not change the decision
      }
    }
    return verdict;
  }

  return {
    name,
    async decide(action, options = {}) {
      try {
        const names = await nameMap(action);
        const description = renameVariables(action.description, names);
        const key = `${policyId}\n${sha256Hex(description)}`;
        const { value, hit } = await cache.getOrCompute(
          key,
          () => limiter.run(() => check(action, description, options.signal), options.signal),
          (verdict) => verdict.result === 'SAT' || verdict.result === 'UNSAT',
        );
        const variableMap = names.size > 0 ? Object.fromEntries(names) : undefined;
        return {
          ...value,
          details: {
            ...value.details,
            cached: hit,
            ...(variableMap ? { variableNames: variableMap } : {}),
          },
        };
      } catch (failure) {
        return error(`ICME check failed: ${messageOf(failure)}`, describeError(failure));
      }
    },
  };
}

// Never throws, even on a thrown value String() cannot convert.
const messageOf = printError;

function describeError(error: unknown): Record<string, unknown> {
  if (PreflightError.isInstance(error)) {
    const { body: _body, raw, ...rest } = error.details as Record<string, unknown>;
    return {
      errorCode: error.code,
      error: error.message,
      errorDetails: rest,
      ...(raw ? { raw } : {}),
    };
  }
  return { errorCode: 'ENGINE_ERROR', error: messageOf(error) };
}
