import { portableSha256, type Sha256 } from '../crypto/sha256';
import {
  decodeJwsHeader,
  decodeJwsPayload,
  type FlattenedJws,
  type JwsHeader,
  jwsTypes,
  parseFlattenedJws,
  parseJsonBytes,
  toCompactJws,
} from '../receipt/jws-envelope';
import { entryHash } from './entry-hash';
import { type EvidenceEntry, evidenceEntrySchema } from './entry-schema';
import { merkleLeafHash } from './merkle-hash';

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

const encoder = new TextEncoder();

/**
 * Decodes one log line without checking its signature or position. Never throws. `headers`
 * caches decoded protected headers: they repeat on every line signed by the same key.
 */
export function parseEntryLine(
  line: string,
  headers: Map<string, JwsHeader | undefined> = new Map(),
  sha256: Sha256 = portableSha256,
): ParseEntryLineResult {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'the line is not JSON (torn or edited)' };
  }
  const jws = parseFlattenedJws(raw);
  if (!jws) return { ok: false, reason: 'the line is not a flattened JWS' };
  let header = headers.get(jws.protected);
  if (!headers.has(jws.protected)) {
    header = decodeJwsHeader(jws.protected);
    headers.set(jws.protected, header);
  }
  if (!header) return { ok: false, reason: 'the JWS header is not a PreFlight EdDSA header' };
  if (header.typ !== jwsTypes.entry) {
    return { ok: false, reason: `the JWS type is ${header.typ}, not a log entry` };
  }
  const payload = decodeJwsPayload(jws);
  if (!payload) return { ok: false, reason: 'the JWS payload is not base64url' };
  const parsed = evidenceEntrySchema.safeParse(parseJsonBytes(payload));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, reason: `the payload is not a v1 entry${where}: ${issue?.message ?? ''}` };
  }
  return {
    ok: true,
    value: {
      jws,
      header,
      payload,
      entry: parsed.data,
      hash: entryHash(payload, sha256),
      leaf: merkleLeafHash(encoder.encode(toCompactJws(jws)), sha256),
    },
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
