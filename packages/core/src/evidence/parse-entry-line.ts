import {
  decodeJwsHeader,
  type FlattenedJws,
  type JwsHeader,
  jwsTypes,
  parseFlattenedJws,
  parseJsonBytes,
} from '../receipt/jws-envelope';
import { entryHash } from './entry-hash';
import { type EvidenceEntry, evidenceEntrySchema } from './entry-schema';
import { type EvidenceCodec, resolveCodec } from './evidence-codec';
import { isEvidenceEntry } from './is-evidence-entry';
import { jwsLeafHash } from './merkle-hash';

/** One log line, decoded: its JWS, header, payload, entry and hashes. */
export interface ParsedEntryLine {
  jws: FlattenedJws;
  header: JwsHeader;
  payload: Uint8Array;
  entry: EvidenceEntry;
  /** Entry hash (the next entry's `prev`). */
  hash: string;
  /** RFC 6962 leaf hash of the compact JWS: the entry's leaf in the Merkle tree. */
  leaf: Uint8Array;
}

export type ParseEntryLineResult =
  | { ok: true; value: ParsedEntryLine }
  | { ok: false; reason: string };

export interface ParseEntryLineOptions extends EvidenceCodec {
  /**
   * Cache of decoded protected headers: they repeat on every line signed by the same key, so
   * pass one map for all the lines of a log. @default a new map per call
   */
  headers?: Map<string, JwsHeader | undefined>;
}

/** Decodes one log line without checking its signature or position. Never throws. */
export function parseEntryLine(
  line: string,
  options: ParseEntryLineOptions = {},
): ParseEntryLineResult {
  // Read the options without rest/spread copies: this runs once per line of a log.
  const headers = options.headers ?? new Map<string, JwsHeader | undefined>();
  const primitives =
    options.sha256 && options.decodeBase64Url
      ? (options as Required<EvidenceCodec>)
      : resolveCodec(options);
  // Lines as writers format them are split without JSON.parse; anything else, or any problem,
  // takes the general path, so the result (and every error message) is the same either way.
  const quick = splitWriterLine(line);
  if (quick) {
    const result = decodeEntry(quick, headers, primitives);
    if (result.ok) return result;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'the line is not JSON (torn or edited)' };
  }
  const jws = parseFlattenedJws(raw);
  if (!jws) return { ok: false, reason: 'the line is not a flattened JWS' };
  return decodeEntry(jws, headers, primitives);
}

function decodeEntry(
  jws: FlattenedJws,
  headers: Map<string, JwsHeader | undefined>,
  { sha256, decodeBase64Url }: Required<EvidenceCodec>,
): ParseEntryLineResult {
  let header = headers.get(jws.protected);
  if (!headers.has(jws.protected)) {
    header = decodeJwsHeader(jws.protected);
    headers.set(jws.protected, header);
  }
  if (!header) return { ok: false, reason: 'the JWS header is not a PreFlight EdDSA header' };
  if (header.typ !== jwsTypes.entry) {
    return { ok: false, reason: `the JWS type is ${header.typ}, not a log entry` };
  }
  const payload = decodeBase64Url(jws.payload);
  if (!payload) return { ok: false, reason: 'the JWS payload is not base64url' };
  const json = parseJsonBytes(payload);
  let entry: EvidenceEntry;
  if (isEvidenceEntry(json)) {
    entry = json;
  } else {
    const parsed = evidenceEntrySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      return {
        ok: false,
        reason: `the payload is not a v1 entry${where}: ${issue?.message ?? ''}`,
      };
    }
    entry = parsed.data;
  }
  return {
    ok: true,
    value: {
      jws,
      header,
      payload,
      entry,
      hash: entryHash(payload, sha256),
      leaf: jwsLeafHash(jws, sha256),
    },
  };
}

const HEAD = '{"protected":"';
const PAYLOAD = '","payload":"';
const SIGNATURE = '","signature":"';
const TAIL = '"}';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The three members of a line in exactly the form {@link formatEntryLine} writes, or `undefined`.
 * With no `"` or `\` inside (base64url has neither) the JSON strings need no unescaping, so the
 * slices are what JSON.parse would return; the payload's charset is checked by its strict decoder
 * and the header's by its decoder or the cache of headers already decoded.
 */
function splitWriterLine(line: string): FlattenedJws | undefined {
  if (!line.startsWith(HEAD) || !line.endsWith(TAIL)) return undefined;
  const payloadAt = line.indexOf(PAYLOAD, HEAD.length);
  if (payloadAt < 0) return undefined;
  const signatureAt = line.indexOf(SIGNATURE, payloadAt + PAYLOAD.length);
  if (signatureAt < 0) return undefined;
  const header = line.slice(HEAD.length, payloadAt);
  const signature = line.slice(signatureAt + SIGNATURE.length, line.length - TAIL.length);
  if (!BASE64URL.test(header) || !BASE64URL.test(signature)) return undefined;
  return {
    protected: header,
    payload: line.slice(payloadAt + PAYLOAD.length, signatureAt),
    signature,
  };
}

/** Serialises a JWS as one log line (no trailing newline). */
export function formatEntryLine(jws: FlattenedJws): string {
  return JSON.stringify({
    protected: jws.protected,
    payload: jws.payload,
    signature: jws.signature,
  });
}
