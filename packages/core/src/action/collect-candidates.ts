import type { Provenance, TrustedContext } from '../guard/types';
import type { PolicyIR } from '../policy/ir';
import { matchNames } from './name-matching';
import type {
  DeclarativeToolMapping,
  SessionView,
  ToolMapping,
  VariableSource,
} from './tool-mapping';

/** One value offered for a variable or list subject, before coercion. */
export interface Candidate {
  raw: unknown;
  provenance: Provenance;
  note: string;
  /** Written by the app's developer (const, function): a wrong type is a mapping bug. */
  strict: boolean;
  /** Lower wins: 0 trusted context, 1 declared source, 2 map function, 3 name matching. */
  tier: 0 | 1 | 2 | 3;
}

export class MappingFailure {
  constructor(readonly reason: string) {}
}

// Mapping paths are few and fixed: split each once, not on every call (bounded all the same).
const splitPaths = new Map<string, readonly string[]>();

function pathKeys(path: string): readonly string[] {
  let keys = splitPaths.get(path);
  if (keys === undefined) {
    keys = path
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .filter((key) => key !== '');
    if (splitPaths.size >= 1024) splitPaths.clear();
    splitPaths.set(path, keys);
  }
  return keys;
}

/** Reads `a.b[0].c` or `a.b.0.c` from the args, own properties only. */
export function readPath(args: unknown, path: string): unknown {
  let current = args;
  for (const key of pathKeys(path)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function fromSource(
  name: string,
  source: VariableSource<unknown>,
  args: unknown,
  context: TrustedContext,
  session: SessionView,
): Candidate | undefined {
  if (typeof source === 'function') {
    const raw = call(() => source(args, context, session), name);
    return {
      raw,
      provenance: 'derived',
      note: 'computed by the tool mapping',
      strict: true,
      tier: 1,
    };
  }
  if (typeof source === 'string' || 'path' in source) {
    const path = typeof source === 'string' ? source : source.path;
    return {
      raw: readPath(args, path),
      provenance: 'arg',
      note: `from the arg "${path}"`,
      strict: false,
      tier: 1,
    };
  }
  if ('key' in source) {
    const raw = Object.hasOwn(context, source.key) ? context[source.key] : undefined;
    const note = `from the trusted context "${source.key}"`;
    return { raw, provenance: 'context', note, strict: false, tier: 1 };
  }
  if ('count' in source) {
    const items = readPath(args, source.count);
    const raw = Array.isArray(items) ? items.length : undefined;
    const note = `the number of items in the arg "${source.count}"`;
    return { raw, provenance: 'derived', note, strict: false, tier: 1 };
  }
  return {
    raw: source.const,
    provenance: 'derived',
    note: 'fixed by the tool mapping',
    strict: true,
    tier: 1,
  };
}

function call<T>(run: () => T, what: string): T {
  try {
    return run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new MappingFailure(`the tool mapping threw while computing ${what}: ${message}`);
  }
}

interface PolicyNames {
  /** Policy variables and list subjects: what a mapping may name. */
  known: ReadonlySet<string>;
  /** Session totals: only the session store sets them. */
  sessionVariables: ReadonlySet<string>;
  /** `known` without session totals, in order: what trusted context may give by name. */
  contextReadable: readonly string[];
}

// Asked on every tool call; the IR of a running guard does not change.
const names = new WeakMap<PolicyIR, PolicyNames>();

function policyNames(policy: PolicyIR): PolicyNames {
  const cached = names.get(policy);
  if (cached !== undefined) return cached;
  const known = new Set([
    ...policy.variables.map((variable) => variable.name),
    ...policy.lists.map((list) => list.subject),
  ]);
  const sessionVariables = new Set(policy.counters.map((counter) => counter.sessionVariable));
  const contextReadable = [...known].filter((name) => !sessionVariables.has(name));
  const computed = { known, sessionVariables, contextReadable };
  names.set(policy, computed);
  return computed;
}

// A module function, not a closure made on every call.
function add(candidates: Map<string, Candidate[]>, name: string, candidate: Candidate): void {
  const list = candidates.get(name);
  if (list === undefined) candidates.set(name, [candidate]);
  else list.push(candidate);
}

/**
 * Every value on offer for each variable or list subject: trusted context keys named like a
 * variable, the mapping's declared sources and `map` function, and default name matching (for
 * unmapped tools, or when the mapping asks for it). Throws {@link MappingFailure} when developer
 * code throws or names something the policy does not have.
 */
export function collectCandidates(
  policy: PolicyIR,
  tool: string,
  args: unknown,
  context: TrustedContext,
  session: SessionView,
  mapping: ToolMapping | undefined,
): Map<string, Candidate[]> {
  const candidates = new Map<string, Candidate[]>();
  const { known, sessionVariables, contextReadable } = policyNames(policy);

  for (const name of contextReadable) {
    if (!Object.hasOwn(context, name)) continue;
    const raw = context[name];
    if (raw === undefined) continue;
    add(candidates, name, {
      raw,
      provenance: 'context',
      note: 'from the trusted context',
      strict: false,
      tier: 0,
    });
  }

  const declarative: DeclarativeToolMapping<unknown> | undefined =
    mapping === undefined ? undefined : typeof mapping === 'function' ? { map: mapping } : mapping;
  for (const [name, source] of Object.entries(declarative?.variables ?? {})) {
    const candidate = fromSource(name, source, args, context, session);
    if (candidate !== undefined && candidate.raw !== undefined) add(candidates, name, candidate);
  }
  const map = declarative?.map;
  if (map !== undefined) {
    const output = call(() => map(args, context, session), 'its variables');
    if (output === null || typeof output !== 'object') {
      throw new MappingFailure('the tool mapping function did not return an object');
    }
    for (const [name, raw] of Object.entries(output)) {
      if (raw === undefined) continue;
      if (!known.has(name) || sessionVariables.has(name)) {
        throw new MappingFailure(
          sessionVariables.has(name)
            ? `the tool mapping returned "${name}", a session total that only the session store computes`
            : `the tool mapping returned "${name}", which is neither a policy variable nor a list subject`,
        );
      }
      add(candidates, name, {
        raw,
        provenance: 'derived',
        note: 'computed by the tool mapping',
        strict: true,
        tier: 2,
      });
    }
  }
  if (declarative === undefined || declarative.nameMatching === true) {
    for (const match of matchNames(policy, tool, args)) {
      add(candidates, match.name, { ...match, strict: false, tier: 3 });
    }
  }
  return candidates;
}
