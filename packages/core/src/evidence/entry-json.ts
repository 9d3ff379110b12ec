import { canonicalJson } from '../crypto/canonical-json';
import type { EntryBody } from './entry-schema';

/** A prepared body's members, sorted by name, each as its canonical `"name":value` text. */
interface PreparedMembers {
  names: string[];
  texts: string[];
}

const prepared = new WeakMap<object, PreparedMembers>();

/**
 * Canonicalises a body's members now, throwing `INPUT_INVALID` for a value that is not plain
 * JSON, and remembers them: the recorder checks each body before it is queued (so a bad value
 * rejects only its own call, never the group it would have been committed with), and the writer
 * then only merges in the position fields instead of canonicalising the whole entry again. The
 * body must not be changed afterwards.
 */
export function prepareEntryBody<T extends EntryBody>(body: T): T {
  // RFC 8785 orders members by the UTF-16 code units of their names: the default sort order.
  const names = Object.keys(body).sort();
  const texts: string[] = [];
  const kept: string[] = [];
  for (const name of names) {
    const value = (body as Record<string, unknown>)[name];
    if (value === undefined) continue;
    kept.push(name);
    texts.push(`${JSON.stringify(name)}:${canonicalJson(value)}`);
  }
  prepared.set(body, { names: kept, texts });
  return body;
}

/**
 * The canonical JSON (RFC 8785) of `{ ...base, ...body }`: the same text `canonicalJson` gives,
 * merged from the body's prepared members and the (few) base members when the body is prepared.
 */
export function entryJson(base: Record<string, unknown>, body: EntryBody): string {
  const members = prepared.get(body);
  if (!members) return canonicalJson(Object.assign({}, base, body));
  const baseNames = Object.keys(base).sort();
  const { names, texts } = members;
  let out = '{';
  let next = 0;
  for (let index = 0; index <= names.length; index++) {
    const name = names[index];
    // Base members that sort before this body member (all that remain, after the last one).
    for (; next < baseNames.length; next++) {
      const baseName = baseNames[next] as string;
      if (name !== undefined && baseName >= name) break;
      const value = base[baseName];
      // As in the spread, a member of the body replaces the base member of the same name.
      if (value === undefined || Object.hasOwn(body, baseName)) continue;
      if (out.length > 1) out += ',';
      out += `${JSON.stringify(baseName)}:${canonicalJson(value)}`;
    }
    if (name === undefined) break;
    if (out.length > 1) out += ',';
    out += texts[index];
  }
  return `${out}}`;
}
