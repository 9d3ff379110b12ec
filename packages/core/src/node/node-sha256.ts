import { createHash, hash } from 'node:crypto';
import type { Sha256 } from '../crypto/sha256';

/**
 * SHA-256 with node:crypto: native, several times faster than the portable one. String parts
 * are hashed as UTF-8 without a JavaScript copy; a single part (or only strings, joined) takes
 * the one-shot `crypto.hash`, which skips building a Hash object per call.
 */
export const nodeSha256: Sha256 = (parts) => {
  let digest: Buffer;
  if (parts.length === 1) {
    digest = hash('sha256', parts[0] as Uint8Array | string, 'buffer');
  } else if (parts.every((part) => typeof part === 'string')) {
    digest = hash('sha256', parts.join(''), 'buffer');
  } else {
    const hasher = createHash('sha256');
    for (const part of parts) hasher.update(part);
    digest = hasher.digest();
  }
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
};
