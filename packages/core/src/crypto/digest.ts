import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from './canonical-json';

/** SHA-256 of bytes, lowercase hex. Synchronous and runtime-neutral (no node:crypto). */
export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}

/**
 * Hash of a JSON value under a versioned domain tag, e.g. `preflight.policy-ir.v1`.
 * The tag keeps a digest of one kind of record from ever equalling a digest of another.
 */
export function digestJson(domainTag: string, value: unknown): string {
  return `sha256:${sha256Hex(`${domainTag}\n${canonicalJson(value)}`)}`;
}
