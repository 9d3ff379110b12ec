import type { JsonValue } from './validate-args';

/**
 * RFC 8785 canonical JSON of a value already known to be plain JSON: the tree `validateArgs`
 * copies (acyclic, plain objects and arrays, no `undefined`), or one the guard builds itself.
 * Byte for byte what `canonicalJson` writes, without its per-node cycle set, key filtering and
 * closures, because it runs on every tool call. Still refuses what JSON cannot say (a non-finite
 * number, any other type) by throwing, so a bad value can never hash as something else.
 */
export function canonicalPlainJson(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`non-finite number ${value} is not JSON`);
      // Number.prototype.toString is the RFC 8785 number form (and writes -0 as 0).
      return String(value);
    case 'object':
      break;
    default:
      throw new TypeError(`a value of type ${typeof value} is not JSON`);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) out += ',';
      out += canonicalPlainJson(value[index] as JsonValue);
    }
    return `${out}]`;
  }
  // RFC 8785 orders keys by UTF-16 code units: the default sort order of strings.
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    if (index > 0) out += ',';
    out += `${JSON.stringify(key)}:${canonicalPlainJson(value[key] as JsonValue)}`;
  }
  return `${out}}`;
}
