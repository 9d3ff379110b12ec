import { base64UrlDecode, base64UrlEncode } from '../crypto/base64url';
import { canonicalJson } from '../crypto/canonical-json';
import { verifyEd25519 } from '../crypto/ed25519';

/**
 * A JWS in the flattened JSON serialization (RFC 7515 §7.2.2). Every evidence log line is one of
 * these, and `jose`'s `flattenedVerify` (or any JOSE library) verifies it as it stands.
 */
export interface FlattenedJws {
  /** base64url of the protected header (canonical JSON: alg, kid, typ). */
  protected: string;
  /** base64url of the payload: the entry's canonical JSON (RFC 8785), UTF-8. */
  payload: string;
  /** base64url of the 64-byte Ed25519 signature. */
  signature: string;
}

/** The protected header of every PreFlight JWS. */
export interface JwsHeader {
  alg: 'EdDSA';
  /** RFC 7638 thumbprint of the signing key. */
  kid: string;
  /** What is signed; doubles as the signature's domain tag. */
  typ: JwsType;
}

/** Media types of signed records. A signature over one kind can never pass for the other. */
export const jwsTypes = {
  entry: 'application/vnd.preflight.entry.v1+jws',
  checkpoint: 'application/vnd.preflight.checkpoint.v1+jws',
} as const;
export type JwsType = (typeof jwsTypes)[keyof typeof jwsTypes];

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The base64url protected header for a key and type (canonical JSON, so it is byte-stable). */
export function encodeJwsHeader(keyId: string, type: JwsType): string {
  return base64UrlEncode(canonicalJson({ alg: 'EdDSA', kid: keyId, typ: type }));
}

/**
 * The protected header of each record type for one key, encoded once: signers call this per
 * entry, and the header only changes with the type.
 */
export function jwsHeaderCache(keyId: string): (type: JwsType) => string {
  const headers = new Map<JwsType, string>();
  return (type) => {
    let header = headers.get(type);
    if (header === undefined) {
      header = encodeJwsHeader(keyId, type);
      headers.set(type, header);
    }
    return header;
  };
}

/** The JWS signing input: ASCII(protected) || '.' || ASCII(payload). */
export function jwsSigningInput(jws: Pick<FlattenedJws, 'protected' | 'payload'>): Uint8Array {
  return encoder.encode(`${jws.protected}.${jws.payload}`);
}

/** The compact serialization `protected.payload.signature` (what `jose.compactVerify` takes). */
export function toCompactJws(jws: FlattenedJws): string {
  return `${jws.protected}.${jws.payload}.${jws.signature}`;
}

/** Parses a flattened JWS object, or returns `undefined` if it is not one. */
export function parseFlattenedJws(value: unknown): FlattenedJws | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const { protected: header, payload, signature } = record;
  if (typeof header !== 'string' || typeof payload !== 'string' || typeof signature !== 'string') {
    return undefined;
  }
  if (Object.keys(record).length !== 3) return undefined;
  return { protected: header, payload, signature };
}

/** Decodes and checks a protected header; `undefined` when it is not a PreFlight EdDSA header. */
export function decodeJwsHeader(encoded: string): JwsHeader | undefined {
  const bytes = base64UrlDecode(encoded);
  if (!bytes) return undefined;
  try {
    const header = JSON.parse(decoder.decode(bytes)) as Record<string, unknown>;
    if (header.alg !== 'EdDSA' || typeof header.kid !== 'string') return undefined;
    if (header.typ !== jwsTypes.entry && header.typ !== jwsTypes.checkpoint) return undefined;
    // A `crit` or any unexpected parameter could change how other verifiers read the JWS.
    if (Object.keys(header).length !== 3) return undefined;
    return header as unknown as JwsHeader;
  } catch {
    return undefined;
  }
}

/** Decodes the payload bytes, or `undefined` on malformed base64url. */
export function decodeJwsPayload(jws: FlattenedJws): Uint8Array | undefined {
  return base64UrlDecode(jws.payload);
}

/** Parses payload bytes as JSON; `undefined` when they are not UTF-8 JSON. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
}

/** Verifies the JWS signature with an imported Ed25519 key. Never throws. */
export async function verifyJwsSignature(jws: FlattenedJws, key: CryptoKey): Promise<boolean> {
  const signature = base64UrlDecode(jws.signature);
  if (!signature) return false;
  return verifyEd25519(key, signature, jwsSigningInput(jws));
}
