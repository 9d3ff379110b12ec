import type { IcmeClient } from './icme-client';
import { matchIcmeVariableNames } from './icme-variable-names';
import type { IcmeVariable } from './parse-smt-variables';

/** What the engine knows about the compiled policy's words for one action's variables. */
export interface IcmeVocabulary {
  /** Our name -> ICME's, for every variable with a known ICME name (identical names included). */
  icmeNames: Map<string, string>;
  /** The compiled policy's variables by name (empty when `GET /policy/{id}` gave none). */
  icmeVariables: ReadonlyMap<string, IcmeVariable>;
}

export interface IcmeVocabularyOptions {
  client: IcmeClient;
  policyId: string;
  /** Fetch `GET /policy/{id}` and match names automatically. */
  fetch: boolean;
  /** Our policy's variable names, matched up front (lines of unknown variables are renamed too). */
  policyNames: readonly string[];
  /** Explicit map, ours -> ICME's, applied over the automatic matches. */
  variableNames: Readonly<Record<string, string>>;
}

/** Older policies answer 404 for good; other failures are retried this much later. */
const refetchAfterMs = 60_000;

/**
 * Resolves our variable names to the compiled policy's, fetching `GET /policy/{id}` once and
 * memoising the matches so that cache hits stay cheap. A failed fetch leaves only the explicit
 * names; it is retried a minute later unless ICME said 404.
 */
export function createIcmeVocabulary({
  client,
  policyId,
  fetch,
  policyNames,
  variableNames,
}: IcmeVocabularyOptions): (ourNames: Iterable<string>) => Promise<IcmeVocabulary> {
  let fetched: Promise<ReadonlyMap<string, IcmeVariable>> | undefined;
  let retryAt: number | undefined;
  // ours -> ICME's (or null: no unique match)
  const matched = new Map<string, string | null>();

  const load = () => {
    if (!fetched || (retryAt !== undefined && Date.now() >= retryAt)) {
      retryAt = undefined;
      fetched = client.getPolicy(policyId).then(
        (compiled) => new Map(compiled.variables.map((variable) => [variable.name, variable])),
        (failure: unknown) => {
          if ((failure as { code?: unknown }).code !== 'ICME_NOT_FOUND') {
            retryAt = Date.now() + refetchAfterMs;
          }
          return new Map<string, IcmeVariable>();
        },
      );
    }
    return fetched;
  };

  return async function vocabulary(ourNames) {
    const icmeNames = new Map<string, string>();
    const icmeVariables = fetch ? await load() : new Map<string, IcmeVariable>();
    if (icmeVariables.size > 0) {
      const list = [...icmeVariables.values()];
      for (const ours of [...policyNames, ...ourNames]) {
        if (!matched.has(ours)) {
          matched.set(ours, matchIcmeVariableNames([ours], list).get(ours) ?? null);
        }
        const theirs = matched.get(ours);
        if (theirs) icmeNames.set(ours, theirs);
      }
    }
    for (const [ours, theirs] of Object.entries(variableNames)) icmeNames.set(ours, theirs);
    return { icmeNames, icmeVariables };
  };
}
