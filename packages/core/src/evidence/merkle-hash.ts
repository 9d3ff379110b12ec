import { sha256 } from '@noble/hashes/sha256';
import { portableSha256, type Sha256 } from '../crypto/sha256';
import type { FlattenedJws } from '../receipt/jws-envelope';

/**
 * RFC 6962 §2.1 hashing: leaves are prefixed with 0x00 and interior nodes with 0x01, so a leaf
 * can never be passed off as a node (second-preimage resistance).
 */
const LEAF = new Uint8Array([0x00]);
const NODE = new Uint8Array([0x01]);

/** MTH of a one-leaf tree: SHA-256(0x00 || data). */
export function merkleLeafHash(data: Uint8Array, hash: Sha256 = portableSha256): Uint8Array {
  return hash([LEAF, data]);
}

/**
 * The leaf hash of a log entry or receipt: SHA-256(0x00 || ASCII(protected.payload.signature)),
 * hashed from the JWS text in parts rather than by building and encoding the compact string.
 */
export function jwsLeafHash(jws: FlattenedJws, hash: Sha256 = portableSha256): Uint8Array {
  // U+0000 is the single byte 0x00 in UTF-8: every part is text, which a native hash takes whole.
  return hash(['\u0000', jws.protected, '.', jws.payload, '.', jws.signature]);
}

/** SHA-256(0x01 || left || right), with `hash` if given (the portable one otherwise). */
export function merkleNodeHash(left: Uint8Array, right: Uint8Array, hash?: Sha256): Uint8Array {
  if (hash) {
    const input = new Uint8Array(65);
    input[0] = 0x01;
    input.set(left, 1);
    input.set(right, 33);
    return hash([input]);
  }
  return sha256.create().update(NODE).update(left).update(right).digest();
}

/** MTH of the empty tree: SHA-256 of the empty string. */
export const EMPTY_TREE_ROOT: Uint8Array = sha256(new Uint8Array(0));
