import { PreflightError } from '../errors';

/**
 * RFC 8785 (JCS) canonical JSON. Rejects anything that is not plain JSON (undefined, functions,
 * symbols, BigInt, non-finite numbers, Dates, class instances, cycles) instead of guessing, so two
 * parties always hash the same bytes.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, new Set());
}

function serialize(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw notJson(`non-finite number ${value}`);
      // ECMAScript Number.prototype.toString is the RFC 8785 number form; -0 becomes 0.
      return Object.is(value, -0) ? '0' : String(value);
    case 'object':
      break;
    default:
      throw notJson(`a value of type ${typeof value}`);
  }
  const object = value as object;
  if (seen.has(object)) throw notJson('a cycle');
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      return `[${object.map((item) => serialize(item, seen)).join(',')}]`;
    }
    const prototype = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
      throw notJson(`an object of class ${object.constructor?.name ?? 'unknown'}`);
    }
    const record = object as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort(compareUtf16);
    return `{${keys.map((key) => `${JSON.stringify(key)}:${serialize(record[key], seen)}`).join(',')}}`;
  } finally {
    seen.delete(object);
  }
}

// RFC 8785 sorts keys by UTF-16 code units, which is JavaScript's default string order.
function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function notJson(what: string): PreflightError {
  return new PreflightError({
    code: 'INPUT_INVALID',
    message: `Cannot canonicalize ${what}: only plain JSON values can be hashed or signed.`,
  });
}
