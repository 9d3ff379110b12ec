import { PreflightError } from '../errors';

/**
 * RFC 8785 (JCS) canonical JSON. Rejects anything that is not plain JSON (undefined, functions,
 * symbols, BigInt, non-finite numbers, Dates, class instances, cycles) instead of guessing, so two
 * parties always hash the same bytes. Members whose value is `undefined` are left out, as
 * JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, []);
}

/**
 * Nesting depth up to which cycles are not looked for: a cycle recurses without end, so it is
 * still caught (one level deeper, by finding an object twice on the path) while ordinary values,
 * a few levels deep, skip the search. Receipts are canonicalised on every decision.
 */
const CYCLE_CHECK_DEPTH = 64;

function serialize(value: unknown, path: object[]): string {
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
  if (path.length >= CYCLE_CHECK_DEPTH && path.includes(object)) throw notJson('a cycle');
  path.push(object);
  let out: string;
  if (Array.isArray(object)) {
    out = '[';
    for (let index = 0; index < object.length; index++) {
      if (index > 0) out += ',';
      out += serialize(object[index], path);
    }
    out += ']';
  } else {
    const prototype = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
      throw notJson(`an object of class ${object.constructor?.name ?? 'unknown'}`);
    }
    const record = object as Record<string, unknown>;
    // RFC 8785 orders members by the UTF-16 code units of their names: the default sort order.
    const keys = Object.keys(record).sort();
    out = '{';
    for (const key of keys) {
      const member = record[key];
      if (member === undefined) continue;
      if (out.length > 1) out += ',';
      out += `${JSON.stringify(key)}:${serialize(member, path)}`;
    }
    out += '}';
  }
  path.pop();
  return out;
}

function notJson(what: string): PreflightError {
  return new PreflightError({
    code: 'INPUT_INVALID',
    message: `Cannot canonicalize ${what}: only plain JSON values can be hashed or signed.`,
  });
}
