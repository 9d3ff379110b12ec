import { bytesToHex } from '@noble/hashes/utils';
import { portableSha256, type Sha256 } from '../crypto/sha256';

/** Domain tag of entry hashes (the hash chain's links). */
export const ENTRY_HASH_TAG = 'preflight.evidence-entry.v1';

const tagText = `${ENTRY_HASH_TAG}\n`;
const tagBytes = new TextEncoder().encode(tagText);

/**
 * Hash of an entry: SHA-256 over the tag, a newline and the entry's payload bytes (its canonical
 * JSON, exactly as signed; a string is taken as its UTF-8 bytes, which is what a writer signs).
 * The next entry's `prev` holds it. Hashing the signed bytes rather than a re-serialisation means
 * a verifier never has to canonicalise anything.
 */
export function entryHash(payload: Uint8Array | string, sha256: Sha256 = portableSha256): string {
  // The tag is ASCII, so as text it is the same bytes; text parts let a native hash take the
  // whole input in one call.
  return `sha256:${bytesToHex(sha256([typeof payload === 'string' ? tagText : tagBytes, payload]))}`;
}
