import { sha256 as nobleSha256 } from '@noble/hashes/sha256';

/**
 * SHA-256 over the concatenation of `parts`. Verification hashes every entry twice, so callers on
 * a runtime with a native hash (Node: `nodeSha256` from `@preflight/core/node`) can pass it in;
 * the default is the portable pure-JS implementation.
 */
export type Sha256 = (parts: readonly Uint8Array[]) => Uint8Array;

/** Portable SHA-256 (@noble/hashes): runs anywhere, slower than a native one. */
export const portableSha256: Sha256 = (parts) => {
  const hash = nobleSha256.create();
  for (const part of parts) hash.update(part);
  return hash.digest();
};
