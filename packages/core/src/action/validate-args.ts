import { digestJson } from '../crypto';

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
    const state = { nodes: 0, bounds, ancestors: new Set<object>() };
    const plain = copy(args === undefined ? {} : args, 'args', 1, state);
    return { ok: true, args: plain, digest: digestJson(argsDigestTag, plain) };
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
}

function copy(value: unknown, path: string, depth: number, state: WalkState): JsonValue {
  state.nodes += 1;
  if (state.nodes > state.bounds.maxNodes) {
    throw new ArgsProblem(path, `the args hold more than ${state.bounds.maxNodes} values`);
  }
  if (value === null) return null;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new ArgsProblem(path, `${value} is not a JSON number`);
      return value;
    case 'string':
      checkString(value, path, state.bounds);
      return value;
    case 'bigint':
      throw new ArgsProblem(path, 'a BigInt is not JSON (send it as a string or number)');
    case 'undefined':
      throw new ArgsProblem(path, 'undefined is not JSON');
    case 'function':
      throw new ArgsProblem(path, 'a function is not JSON');
    case 'symbol':
      throw new ArgsProblem(path, 'a symbol is not JSON');
    default:
      return copyContainer(value as object, path, depth, state);
  }
}

function copyContainer(value: object, path: string, depth: number, state: WalkState): JsonValue {
  if (depth > state.bounds.maxDepth) {
    throw new ArgsProblem(path, `the args nest deeper than ${state.bounds.maxDepth} levels`);
  }
  if (state.ancestors.has(value)) throw new ArgsProblem(path, 'the args contain a cycle');
  state.ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: JsonValue[] = [];
      for (let index = 0; index < value.length; index += 1) {
        items.push(copy(value[index], `${path}[${index}]`, depth + 1, state));
      }
      return items;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      throw new ArgsProblem(
        path,
        `an object of class ${typeof name === 'string' ? name : 'unknown'} is not plain JSON`,
      );
    }
    const record = value as Record<string, unknown>;
    const result: Record<string, JsonValue> = {};
    for (const key of Object.keys(record)) {
      const item = record[key];
      // Plain JSON drops undefined properties (JSON.stringify and RFC 8785 agree).
      if (item === undefined) continue;
      const itemPath = `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key.slice(0, 40))}]`}`;
      checkString(key, itemPath, state.bounds);
      Object.defineProperty(result, key, {
        value: copy(item, itemPath, depth + 1, state),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  } finally {
    state.ancestors.delete(value);
  }
}

function checkString(value: string, path: string, bounds: ArgsLimits): void {
  if (value.length > bounds.maxStringLength) {
    throw new ArgsProblem(
      path,
      `a string of ${value.length} characters is longer than the limit of ${bounds.maxStringLength}`,
    );
  }
}
