import { sha256Hex } from '../crypto/digest';
import { canonicalPlainJson } from './canonical-plain-json';

/** Bounds on model-written tool args. Anything outside them is refused, never truncated. */
export interface ArgsLimits {
  /** Longest string (keys and values), in UTF-16 code units. Default 100,000. */
  maxStringLength: number;
  /** Deepest nesting of arrays and objects (the args object itself is depth 1). Default 32. */
  maxDepth: number;
  /** Most values in total (every object, array, key's value and item counts one). Default 10,000. */
  maxNodes: number;
}

export const defaultArgsLimits: Readonly<ArgsLimits> = {
  maxStringLength: 100_000,
  maxDepth: 32,
  maxNodes: 10_000,
};

/** A plain JSON value, as tool args must be. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

export type ArgsValidation =
  | {
      ok: true;
      /** The args as a plain JSON value (`undefined` args become `{}`). */
      args: JsonValue;
      /** `sha256:` digest of the canonical args under `preflight.tool-args.v1`. */
      digest: string;
    }
  | {
      ok: false;
      /** Where the problem is, e.g. `args.items[3].when`. */
      path: string;
      /** Why, without echoing the value (it is untrusted and may be huge). */
      reason: string;
    };

/** Domain tag of the args digest (what approval tokens bind to). */
export const argsDigestTag = 'preflight.tool-args.v1';

class ArgsProblem {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {}
}

/**
 * Checks that model-written tool args are plain, bounded JSON and digests them. Never throws:
 * cycles, BigInt, functions, symbols, non-finite numbers, class instances (Date, Map...), throwing
 * getters, huge strings and deep nesting all come back as `{ ok: false, path, reason }`.
 */
export function validateArgs(args: unknown, limits: Partial<ArgsLimits> = {}): ArgsValidation {
  const bounds = { ...defaultArgsLimits, ...limits };
  try {
    const state: WalkState = { nodes: 0, bounds, ancestors: new Set<object>(), path: [] };
    const plain = copy(args === undefined ? {} : args, 1, state);
    // Same bytes as digestJson(argsDigestTag, plain): the copy is plain JSON by construction.
    const digest = `sha256:${sha256Hex(`${argsDigestTag}\n${canonicalPlainJson(plain)}`)}`;
    return { ok: true, args: plain, digest };
  } catch (error) {
    if (error instanceof ArgsProblem) return { ok: false, path: error.path, reason: error.reason };
    return {
      ok: false,
      path: 'args',
      reason: `the args could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

interface WalkState {
  nodes: number;
  bounds: ArgsLimits;
  ancestors: Set<object>;
  /** Keys and indexes from the args down to the value being copied. */
  path: Array<string | number>;
}

// The path is only written out for a problem: building it for every value on every call is waste.
function problem(state: WalkState, reason: string): ArgsProblem {
  let path = 'args';
  for (const step of state.path) {
    if (typeof step === 'number') path += `[${step}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(step)) path += `.${step}`;
    else path += `[${JSON.stringify(step.slice(0, 40))}]`;
  }
  return new ArgsProblem(path, reason);
}

function copy(value: unknown, depth: number, state: WalkState): JsonValue {
  state.nodes += 1;
  if (state.nodes > state.bounds.maxNodes) {
    throw problem(state, `the args hold more than ${state.bounds.maxNodes} values`);
  }
  if (value === null) return null;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw problem(state, `${value} is not a JSON number`);
      return value;
    case 'string':
      checkString(value, state);
      return value;
    case 'bigint':
      throw problem(state, 'a BigInt is not JSON (send it as a string or number)');
    case 'undefined':
      throw problem(state, 'undefined is not JSON');
    case 'function':
      throw problem(state, 'a function is not JSON');
    case 'symbol':
      throw problem(state, 'a symbol is not JSON');
    default:
      return copyContainer(value as object, depth, state);
  }
}

function copyContainer(value: object, depth: number, state: WalkState): JsonValue {
  if (depth > state.bounds.maxDepth) {
    throw problem(state, `the args nest deeper than ${state.bounds.maxDepth} levels`);
  }
  if (state.ancestors.has(value)) throw problem(state, 'the args contain a cycle');
  state.ancestors.add(value);
  const path = state.path;
  try {
    if (Array.isArray(value)) {
      const items: JsonValue[] = [];
      for (let index = 0; index < value.length; index += 1) {
        path.push(index);
        items.push(copy(value[index], depth + 1, state));
        path.pop();
      }
      return items;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      throw problem(
        state,
        `an object of class ${typeof name === 'string' ? name : 'unknown'} is not plain JSON`,
      );
    }
    const record = value as Record<string, unknown>;
    const result: Record<string, JsonValue> = {};
    for (const key of Object.keys(record)) {
      const item = record[key];
      // Plain JSON drops undefined properties (JSON.stringify and RFC 8785 agree).
      if (item === undefined) continue;
      path.push(key);
      checkString(key, state);
      Object.defineProperty(result, key, {
        value: copy(item, depth + 1, state),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      path.pop();
    }
    return result;
  } finally {
    state.ancestors.delete(value);
  }
}

function checkString(value: string, state: WalkState): void {
  if (value.length > state.bounds.maxStringLength) {
    throw problem(
      state,
      `a string of ${value.length} characters is longer than the limit of ${state.bounds.maxStringLength}`,
    );
  }
}
