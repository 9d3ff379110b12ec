import type { ActionVariable, Provenance, TrustedContext } from '../guard/types';
import type { PolicyIR } from '../policy/ir';
import { coerceValue } from './coerce-value';
import { type Candidate, collectCandidates, MappingFailure } from './collect-candidates';
import { isOnList, type ListData } from './list-membership';
import { permissionVariables } from './permission-variables';
import type { AnyToolMapping, DeclarativeToolMapping, SessionView } from './tool-mapping';

export interface MapToolCallOptions {
  policy: PolicyIR;
  tool: string;
  /** Validated (plain JSON) args. */
  args: unknown;
  context: TrustedContext;
  session: SessionView;
  /** The tool's mapping; undefined means default name matching. */
  mapping?: AnyToolMapping | undefined;
  /** List data by IR list key. Default: none. */
  lists?: ListData;
}

/** A raw value offered for a permission-granting variable, still to be verified. */
export interface PermissionOffer {
  raw: unknown;
  provenance: Provenance;
  note: string;
}

export interface MappedCall {
  /** Variables other than permission-granting ones and session totals, with provenance. */
  variables: Record<string, ActionVariable>;
  /** The chosen value for each permission-granting variable that has one. */
  offers: Record<string, PermissionOffer>;
  /** Variables a source was found for but whose value could not be used, with why. */
  unresolved: Record<string, string>;
}

export type MapToolCallResult =
  | { ok: true; mapped: MappedCall }
  | { ok: false; code: 'ARGS_INVALID' | 'MAPPING_FAILED'; reason: string };

// Trusted sources first: a declared context key, then a context key named like the variable,
// then declared sources, the map function and name matching, in that order.
function rank(candidate: Candidate): number {
  if (candidate.provenance === 'context') return candidate.tier === 0 ? 1 : 0;
  return 2 + candidate.tier;
}

function best(candidates: readonly Candidate[]): Candidate {
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0]!;
}

/**
 * Turns one tool call into policy variables with provenance (step "map" of the guard): parses
 * the args with the mapping's schema, collects values from trusted context, the mapping and name
 * matching, coerces them to the variables' types and computes list membership. Permission-granting
 * variables are only *offered* here (from trusted context, or from args the mapping trusts), to
 * be verified by the guard. Never throws.
 */
export function mapToolCall({
  policy,
  tool,
  args,
  context,
  session,
  mapping,
  lists = {},
}: MapToolCallOptions): MapToolCallResult {
  const declarative: DeclarativeToolMapping<unknown> | undefined =
    typeof mapping === 'function' ? { map: mapping } : mapping;
  let parsed = args;
  if (declarative?.args !== undefined) {
    const result = declarative.args.safeParse(args);
    if (!result.success) {
      const issues = result.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.map(String).join('.') || '(args)'}: ${issue.message}`);
      return {
        ok: false,
        code: 'ARGS_INVALID',
        reason: `the args do not match the tool's schema (${issues.join('; ')})`,
      };
    }
    parsed = result.data;
  }
  try {
    const candidates = collectCandidates(policy, tool, parsed, context, session, mapping);
    return { ok: true, mapped: resolve(policy, candidates, declarative?.trustArgs ?? [], lists) };
  } catch (error) {
    if (error instanceof MappingFailure)
      return { ok: false, code: 'MAPPING_FAILED', reason: error.reason };
    throw error;
  }
}

function resolve(
  policy: PolicyIR,
  candidates: Map<string, Candidate[]>,
  trustArgs: readonly string[],
  lists: ListData,
): MappedCall {
  const granting = permissionVariables(policy);
  const sessionVariables = new Set(policy.counters.map((counter) => counter.sessionVariable));
  const variables: Record<string, ActionVariable> = {};
  const offers: Record<string, PermissionOffer> = {};
  const unresolved: Record<string, string> = {};

  for (const variable of policy.variables) {
    const name = variable.name;
    const offered = candidates.get(name);
    if (offered === undefined || sessionVariables.has(name)) continue;
    if (granting.has(name)) {
      const trusted = offered.filter((c) => c.provenance === 'context' || trustArgs.includes(name));
      const ignored = offered.length - trusted.length;
      const chosen = trusted.length > 0 ? best(trusted) : undefined;
      const ignoredNote =
        ignored > 0
          ? 'a value in the model-written tool args was ignored (permissions come from trusted context)'
          : '';
      if (chosen !== undefined) {
        offers[name] = {
          raw: chosen.raw,
          provenance: chosen.provenance,
          note: joinNotes(chosen.note, ignoredNote),
        };
      } else {
        offers[name] = { raw: undefined, provenance: 'context', note: ignoredNote };
      }
      continue;
    }
    const chosen = pickCounterAware(policy, variable, offered);
    const coerced = coerceValue(variable, chosen.raw, !chosen.strict);
    if (!coerced.ok) {
      if (chosen.strict)
        throw new MappingFailure(`the tool mapping gave "${name}" a bad value: ${coerced.reason}`);
      unresolved[name] = `${chosen.note}: ${coerced.reason}`;
      continue;
    }
    variables[name] = {
      value: coerced.value,
      provenance: chosen.provenance,
      note: joinNotes(chosen.note, coerced.note ?? ''),
    };
  }

  for (const list of policy.lists) {
    if (variables[list.variable] !== undefined) continue;
    const offered = candidates.get(list.subject);
    if (offered === undefined) continue;
    const subject = best(offered);
    const entries = lists[list.key];
    const values = Array.isArray(subject.raw) ? subject.raw : [subject.raw];
    if (entries === undefined) {
      unresolved[list.variable] = `no data for the "${list.name}" list`;
    } else if (values.length === 0 || !values.every((value) => typeof value === 'string')) {
      unresolved[list.variable] =
        `${subject.note}: the ${list.subject} is not a string or list of strings`;
    } else {
      const onList = values.every((value) => isOnList(entries, value as string));
      variables[list.variable] = {
        value: onList,
        provenance: 'derived',
        note: `${subject.note}, looked up in the "${list.name}" list`,
      };
    }
  }
  return { variables, offers, unresolved };
}

// For a counter's action variable, name matching may find several counts (`records` and
// `record_count`): the largest counts, so a model cannot under-report by adding a small one.
// Counts are compared after coercion, so a numeral string (`record_count: "1"`) cannot win over
// a 500-item array just by coming first, and one that does not parse never hides the others.
function pickCounterAware(
  policy: PolicyIR,
  variable: PolicyIR['variables'][number],
  offered: readonly Candidate[],
): Candidate {
  const chosen = best(offered);
  const isCounter = policy.counters.some((counter) => counter.actionVariable === variable.name);
  if (!isCounter || chosen.tier !== 3 || offered.length < 2) return chosen;
  let largest: { candidate: Candidate; count: number } | undefined;
  for (const candidate of offered) {
    if (candidate.tier !== 3) continue;
    const coerced = coerceValue(variable, candidate.raw, true);
    if (!coerced.ok || typeof coerced.value !== 'number') continue;
    if (largest === undefined || coerced.value > largest.count) {
      largest = { candidate, count: coerced.value };
    }
  }
  return largest?.candidate ?? chosen;
}

function joinNotes(...notes: string[]): string {
  return notes.filter((note) => note !== '').join('; ');
}
