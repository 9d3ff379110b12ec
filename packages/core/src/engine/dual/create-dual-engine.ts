import { normaliseVerdict } from '../../guard/normalise-verdict';
import type { DecisionResult, Engine, Violation } from '../../guard/types';
import { decideOrError } from '../decide-or-error';

export interface DualEngineOptions {
  /** The embedded engine (e.g. `createLocalEngine({ policy })`). Required. */
  local: Engine;
  /** The remote engine (e.g. `createIcmeEngine(...)`). Required. */
  remote: Engine;
  /** Engine name in verdicts. Default `dual`. */
  name?: string;
}

/** Severity order when combining: a proven violation outranks everything else. */
const rank: Record<DecisionResult, number> = { UNSAT: 3, ERROR: 2, SATISFIABLE: 1, SAT: 0 };

/**
 * Runs two engines concurrently and blocks if either blocks: the combined result is the more
 * severe of the two (UNSAT > ERROR > SATISFIABLE > SAT), so SAT needs both engines to say SAT.
 * Both verdicts and any disagreement are kept in `details` for the receipt. Never throws.
 *
 * @example
 * const engine = createDualEngine({ local: createLocalEngine({ policy }), remote: icmeEngine });
 */
export function createDualEngine({ local, remote, name = 'dual' }: DualEngineOptions): Engine {
  return {
    name,
    async decide(action, options = {}) {
      // Normalised first: an unknown result (say 'MAYBE' or 'unsat') has no rank, and must not
      // lose to the other engine's SAT.
      const [localVerdict, remoteVerdict] = await Promise.all([
        decideOrError(local, action, options).then((v) => normaliseVerdict(v, local.name)),
        decideOrError(remote, action, options).then((v) => normaliseVerdict(v, remote.name)),
      ]);
      const worst =
        rank[remoteVerdict.result] > rank[localVerdict.result] ? remoteVerdict : localVerdict;
      const agree = localVerdict.result === remoteVerdict.result;
      const violations = mergeViolations(localVerdict.violations, remoteVerdict.violations);
      const unknown = [...new Set([...localVerdict.unknown, ...remoteVerdict.unknown])];
      const disagreement = agree
        ? undefined
        : `${local.name} says ${localVerdict.result}, ${remote.name} says ${remoteVerdict.result}`;
      const reason = agree
        ? `${local.name} and ${remote.name} agree: ${localVerdict.reason ?? localVerdict.result}`
        : `engines disagree (${disagreement}); ${worst.engine}: ${worst.reason ?? worst.result}`;
      return {
        engine: name,
        result: worst.result,
        violations,
        unknown,
        reason,
        details: {
          agree,
          ...(disagreement ? { disagreement } : {}),
          decidedBy: worst.engine,
          verdicts: { local: localVerdict, remote: remoteVerdict },
        },
      };
    },
  };
}

function mergeViolations(a: Violation[], b: Violation[]): Violation[] {
  const seen = new Map<number, Violation>();
  for (const violation of [...a, ...b])
    if (!seen.has(violation.id)) seen.set(violation.id, violation);
  return [...seen.values()].sort((x, y) => x.id - y.id);
}
