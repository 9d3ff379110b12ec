import { sha256 as nobleSha256 } from '@noble/hashes/sha256';

/**
 * SHA-256 over the concatenation of `parts`; a string part is hashed as its UTF-8 bytes.
 * Verification hashes every entry twice, so callers on a runtime with a native hash (Node:
 * `nodeSha256` from `@preflight/core/node`) can pass it in; the default is the portable pure-JS
 * implementation. String parts let a caller hash JWS text without first copying it into bytes.
 */
export type Sha256 = (parts: readonly (Uint8Array | string)[]) => Uint8Array;

const encoder = new TextEncoder();

/** Portable SHA-256 (@noble/hashes): runs anywhere, slower than a native one. */
export const portableSha256: Sha256 = (parts) => {
  const hash = nobleSha256.create();
  for (const part of parts) hash.update(typeof part === 'string' ? encoder.encode(part) : part);
  return hash.digest();
};
