import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex } from '@noble/hashes/utils';

/** Domain tag of entry hashes (the hash chain's links). */
export const ENTRY_HASH_TAG = 'preflight.evidence-entry.v1';

const tagBytes = new TextEncoder().encode(`${ENTRY_HASH_TAG}\n`);

/**
 * Hash of an entry: SHA-256 over the tag, a newline and the entry's payload bytes (its canonical
 * JSON, exactly as signed). The next entry's `prev` holds it. Hashing the signed bytes rather than
 * a re-serialisation means a verifier never has to canonicalise anything.
 */
export function entryHash(payload: Uint8Array): string {
  return `sha256:${bytesToHex(sha256.create().update(tagBytes).update(payload).digest())}`;
}
