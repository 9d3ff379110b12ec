import { maxDescriptionLength } from '../../action/describe-action';
import { describeError as printError } from '../../adapter/describe-error';
import { sha256Hex } from '../../crypto';
import { PreflightError } from '../../errors';
import type { Action, Engine, EngineVerdict } from '../../guard/types';
import type { PolicyIR } from '../../policy/ir';
import { compareExtraction } from './compare-extraction';
import { createConcurrencyLimiter } from './concurrency-limiter';
import { createDecisionCache, type DecisionCacheOptions } from './decision-cache';
import { type ExpectedExtraction, expectedExtraction } from './expected-extraction';
import type { IcmeClient } from './icme-client';
import { icmeVerdict } from './icme-verdict';
import { createIcmeVocabulary } from './icme-vocabulary';
import { mapCheckResult } from './map-check-result';
import type { IcmeVariable } from './parse-smt-variables';
import type { IcmeProgress } from './read-icme-stream';
import { rewriteVariableLines } from './rewrite-variable-lines';

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
  /** Fetch `GET /policy/{id}` once and write the description's variable lines in its vocabulary:
   * its variable names, its enum literals, `true`/`false` for its `Bool` variables. Default true. */
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
  /**
   * Compare `checkIt`'s `extracted` with the values sent (every action variable with a known
   * value and ICME name). A SAT with a variable missing or different becomes an `ERROR`
   * (`ICME_EXTRACTION_MISMATCH`, never cached): ICME proved SAT about other values than the
   * action's. An UNSAT stays UNSAT. Default true.
   */
  verifyExtraction?: boolean;
  /**
   * Extra `checkIt` calls, with the same description, after a SAT whose extraction did not match
   * (each one is another paid check; blocked answers are never retried). Default 0.
   */
  extractionRetries?: number;
}

/** What one check sends and expects back. */
interface Sent {
  description: string;
  expected: ExpectedExtraction | undefined;
  icmeVariables: ReadonlyMap<string, IcmeVariable>;
}

/**
 * The ICME PreFlight API as an {@link Engine}: the action description's variable lines are
 * written in the compiled policy's vocabulary (`rewriteVariableLines`); relevance screen, then
 * `checkIt` only when the action is relevant; answers mapped fail-closed by `mapCheckResult`;
 * ICME's `extracted` compared with the values sent (a SAT over other values is an `ERROR`);
 * SAT/UNSAT cached per (policy id, description sent, values expected); parallel checks bounded.
 * `decide` never throws: every failure is an `ERROR` verdict with its reason and error code.
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
  verifyExtraction = true,
  extractionRetries = 0,
}: IcmeEngineOptions): Engine {
  const cache = createDecisionCache<EngineVerdict>(
    cacheOptions === false ? { maxEntries: 0 } : cacheOptions,
  );
  const limiter = createConcurrencyLimiter(concurrency);
  const vocabulary = createIcmeVocabulary({
    client,
    policyId,
    fetch: useIcmeVariableNames,
    policyNames: policy?.variables.map((variable) => variable.name) ?? [],
    variableNames,
  });
  const retries = Math.max(0, Math.floor(extractionRetries));

  const error = (reason: string, details: Record<string, unknown>): EngineVerdict => ({
    engine: name,
    result: 'ERROR',
    violations: [],
    unknown: [],
    reason,
    details: { policyId, ...details },
  });

  async function check(action: Action, sent: Sent, signal?: AbortSignal) {
    const { description, expected } = sent;
    const details: Record<string, unknown> = { policyId, actionSent: description };
    if (expected) {
      details['expectedExtraction'] = expected.values;
      if (expected.unverifiable.length > 0) details['unverifiedExtraction'] = expected.unverifiable;
    }
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
    // Retried only while ICME says SAT about other values than the ones sent: a blocked or
    // uncertain answer is final (never rephrase or re-ask to obtain a permit).
    const discarded: Record<string, unknown>[] = [];
    for (;;) {
      const result = await client.checkIt(
        { policyId, action: description },
        {
          signal,
          ...(onProgress ? { onProgress: (p: IcmeProgress) => onProgress(p, action) } : {}),
        },
      );
      const mismatches = expected
        ? compareExtraction({
            expected: expected.values,
            extracted: result.extracted,
            icmeVariables: sent.icmeVariables,
          })
        : [];
      if (
        mapCheckResult(result).result === 'SAT' &&
        mismatches.length > 0 &&
        discarded.length < retries
      ) {
        discarded.push({
          ...(result.checkId === undefined ? {} : { checkId: result.checkId }),
          ...(result.proofId === undefined ? {} : { proofId: result.proofId }),
          extractionMismatches: mismatches,
        });
        continue;
      }
      if (discarded.length > 0) details['extractionRetries'] = discarded;
      const verdict = icmeVerdict({
        engine: name,
        result,
        details,
        ...(expected ? { mismatches } : {}),
      });
      if (onProof) {
        for (const proofId of [...discarded.map((d) => d.proofId), result.proofId]) {
          if (typeof proofId !== 'string') continue;
          try {
            onProof(proofId, verdict);
          } catch {
            // proof collection is best effort and must not change the decision
          }
        }
      }
      return verdict;
    }
  }

  return {
    name,
    async decide(action, options = {}) {
      try {
        const values = action.assignment;
        const { icmeNames, icmeVariables } = await vocabulary(Object.keys(action.variables));
        const rewritten = rewriteVariableLines({
          description: action.description,
          values,
          icmeNames,
          icmeVariables,
        });
        const renamed = [...icmeNames].filter(([ours, theirs]) => ours !== theirs);
        const wording = {
          ...(renamed.length > 0 ? { variableNames: Object.fromEntries(renamed) } : {}),
          ...(rewritten.unmatchedEnumValues.length > 0
            ? { unmatchedEnumValues: rewritten.unmatchedEnumValues }
            : {}),
        };
        const description = rewritten.description;
        if (description.length > maxDescriptionLength) {
          return error(
            `the description in ICME's vocabulary needs ${description.length} characters, more than ICME's ${maxDescriptionLength}`,
            { errorCode: 'ACTION_TOO_LARGE', actionSent: description, ...wording },
          );
        }
        const expected = verifyExtraction
          ? expectedExtraction({ values, icmeNames, icmeVariables })
          : undefined;
        // The verdict checked `extracted` against these values: they are part of what it means.
        const keyed = expected ? `${description}\n${JSON.stringify(expected.values)}` : description;
        const key = `${policyId}\n${sha256Hex(keyed)}`;
        const sent = { description, expected, icmeVariables };
        const { value, hit } = await cache.getOrCompute(
          key,
          () => limiter.run(() => check(action, sent, options.signal), options.signal),
          (verdict) => verdict.result === 'SAT' || verdict.result === 'UNSAT',
        );
        return { ...value, details: { ...value.details, cached: hit, ...wording } };
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
