import { canonicalJson } from '../crypto/canonical-json';
import type { EntryBody } from './entry-schema';

/** Members of a prepared body, canonicalised: key -> canonical JSON of its value. */
const prepared = new WeakMap<object, ReadonlyMap<string, string>>();

/**
 * Canonicalises a body's members now, throwing `INPUT_INVALID` for a value that is not plain
 * JSON, and remembers them: the recorder checks each body before it is queued (so a bad value
 * rejects only its own call, never the group it would have been committed with), and the writer
 * then only adds the position fields instead of canonicalising the whole entry again. The body
 * must not be changed afterwards.
 */
export function prepareEntryBody<T extends EntryBody>(body: T): T {
  const members = new Map<string, string>();
  for (const [key, value] of Object.entries(body)) {
    if (value !== undefined) members.set(key, canonicalJson(value));
  }
  prepared.set(body, members);
  return body;
}

/**
 * The canonical JSON (RFC 8785) of `{ ...base, ...body }`: the same text `canonicalJson` gives,
 * assembled from the body's prepared members when it has them.
 */
export function entryJson(base: Record<string, unknown>, body: EntryBody): string {
  const members = prepared.get(body);
  if (!members) return canonicalJson({ ...base, ...body });
  const all = new Map<string, string>();
  for (const [key, value] of Object.entries(base)) {
    // As in the spread, a member of the body replaces the base member of the same name.
    if (value !== undefined && !Object.hasOwn(body, key)) {
      all.set(key, canonicalJson(value));
    }
  }
  for (const [key, json] of members) all.set(key, json);
  // RFC 8785 orders members by the UTF-16 code units of their names: JavaScript's string order.
  const keys = [...all.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `${JSON.stringify(key)}:${all.get(key)}`).join(',')}}`;
}
