import type { Provenance } from '../guard/types';
import type { PolicyIR } from '../policy/ir';
import { pluralizeNoun, singularize } from '../policy/lexicon';

/** A raw value default name matching found for a variable or list subject. */
export interface MatchedValue {
  /** Policy variable or list subject name. */
  name: string;
  raw: unknown;
  provenance: Extract<Provenance, 'arg' | 'derived'>;
  /** How it was found, for the variable's note. */
  note: string;
}

/** `recordCount`, `record-count`, `Record Count` -> `record_count`. */
export function snakeName(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function singularWords(name: string): string {
  return name
    .split('_')
    .filter((word) => word !== '')
    .map((word) => singularize(word).toLowerCase())
    .join('_');
}

/**
 * Default name matching: what an unmapped tool call says about the policy, read from the
 * top-level arg names only (nested values are never guessed at).
 * - An arg whose name (in snake case: `recordCount` -> `record_count`) is a policy variable feeds
 *   it. Session totals (`session_*_count`) and list membership variables are never read from
 *   args: the session store and the list data compute them.
 * - An arg named like a list subject (`destination`, `third_party_api`) gives the value looked up
 *   in the list.
 * - A counter's unit counts: an arg named its plural (`records`) gives the array's length (or the
 *   number written there); its singular (`record`) holding one value counts 1.
 * - A tool named like an activity variable, in any number (`transferCustomerRecords` for
 *   `transfer_customer_record`), sets it to true.
 * Values for permission-granting variables are returned too; the caller ignores them unless the
 * mapping trusts them.
 */
export function matchNames(policy: PolicyIR, tool: string, args: unknown): MatchedValue[] {
  const matches: MatchedValue[] = [];
  const index = nameIndex(policy);
  const activity = index.activities.get(toolWords(tool));
  if (activity !== undefined) {
    matches.push({
      name: activity,
      raw: true,
      provenance: 'derived',
      note: 'the tool name names this activity',
    });
  }

  if (args === null || typeof args !== 'object' || Array.isArray(args)) return matches;
  for (const [key, raw] of Object.entries(args as Record<string, unknown>)) {
    const name = argName(key);
    // Arg names are model-written: quote them (shortened) in notes.
    const arg = JSON.stringify(key.slice(0, 60));
    if (index.readable.has(name) || index.subjects.has(name)) {
      matches.push({ name, raw, provenance: 'arg', note: `from the arg ${arg}` });
    }
    for (const { unit, units, actionVariable } of index.counters) {
      const count = unitCount(name, raw, unit, units);
      if (count !== undefined) {
        matches.push({
          name: actionVariable,
          raw: count,
          provenance: Array.isArray(raw) || name === unit ? 'derived' : 'arg',
          note: Array.isArray(raw)
            ? `the number of items in the arg ${arg}`
            : `from the arg ${arg}`,
        });
      }
    }
  }
  return matches;
}

interface NameIndex {
  /** Activity variables by their singular words (`transfer_customer_record`). */
  activities: Map<string, string>;
  /** Variables an arg may feed by name: all but session totals and list membership. */
  readable: Set<string>;
  subjects: Set<string>;
  counters: Array<{ unit: string; units: string; actionVariable: string }>;
}

// Built once per policy: pluralize is far too slow to run on every call.
const indexes = new WeakMap<PolicyIR, NameIndex>();

function nameIndex(policy: PolicyIR): NameIndex {
  const cached = indexes.get(policy);
  if (cached !== undefined) return cached;
  const computed = new Set([
    ...policy.counters.map((counter) => counter.sessionVariable),
    ...policy.lists.map((list) => list.variable),
  ]);
  const index: NameIndex = {
    activities: new Map(
      policy.variables
        .filter((variable) => variable.role === 'activity')
        .map((variable) => [singularWords(variable.name), variable.name]),
    ),
    readable: new Set(
      policy.variables.map((variable) => variable.name).filter((name) => !computed.has(name)),
    ),
    subjects: new Set(policy.lists.map((list) => list.subject)),
    counters: policy.counters.map((counter) => ({
      unit: snakeName(singularize(counter.unit)),
      units: snakeName(pluralizeNoun(counter.unit)),
      actionVariable: counter.actionVariable,
    })),
  };
  indexes.set(policy, index);
  return index;
}

// Arg names repeat from call to call: remember the snake case of short ones (a long name is
// model-written noise, converted every time rather than kept in memory).
const argNameCache = new Map<string, string>();

function argName(key: string): string {
  if (key.length > 64) return snakeName(key);
  let name = argNameCache.get(key);
  if (name === undefined) {
    name = snakeName(key);
    if (argNameCache.size >= 1024) argNameCache.clear();
    argNameCache.set(key, name);
  }
  return name;
}

// Tool names repeat: remember the singular form of the most recent ones.
const toolWordCache = new Map<string, string>();

function toolWords(tool: string): string {
  const cached = toolWordCache.get(tool);
  if (cached !== undefined) return cached;
  const words = singularWords(snakeName(tool.slice(0, 200)));
  if (toolWordCache.size >= 1024) toolWordCache.clear();
  toolWordCache.set(tool, words);
  return words;
}

function unitCount(name: string, raw: unknown, unit: string, units: string): unknown {
  if (name === units && name !== unit) {
    return Array.isArray(raw) ? raw.length : typeof raw === 'number' ? raw : undefined;
  }
  if (name === unit) {
    if (Array.isArray(raw)) return raw.length;
    return raw === null || raw === undefined ? undefined : 1;
  }
  return undefined;
}
