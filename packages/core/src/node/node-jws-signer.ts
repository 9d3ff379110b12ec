import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import type { Ed25519PrivateJwk } from '../crypto/ed25519';
import { toEd25519PublicJwk } from '../crypto/ed25519';
import { PreflightError } from '../errors';
import { jwsHeaderCache } from '../receipt/jws-envelope';
import type { JwsSigner } from '../receipt/jws-signer';

/**
 * A `JwsSigner` on node:crypto: the same JWS as `createJwsSigner` (Ed25519 is deterministic, so
 * byte for byte), but signed synchronously with the native key and base64url-encoded by
 * node:buffer. WebCrypto's asynchronous sign costs a thread-pool round trip per entry, which on
 * a busy machine is most of a receipt's CPU-side latency.
 */
export async function createNodeJwsSigner(privateJwk: Ed25519PrivateJwk): Promise<JwsSigner> {
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, d: privateJwk.d },
      format: 'jwk',
    });
  } catch (cause) {
    throw new PreflightError({
      code: 'KEY_INVALID',
      message: 'Not a usable Ed25519 private key.',
      cause,
    });
  }
  // A file whose `x` does not belong to its `d` would sign entries nobody can verify.
  if (createPublicKey(key).export({ format: 'jwk' }).x !== privateJwk.x) {
    throw new PreflightError({
      code: 'KEY_INVALID',
      message: 'The Ed25519 private key does not match its public key (x).',
    });
  }
  const publicKey = await toEd25519PublicJwk(privateJwk);
  const keyId = publicKey.kid as string;
  const headerFor = jwsHeaderCache(keyId);
  return {
    keyId,
    publicKey,
    async sign(type, json) {
      const header = headerFor(type);
      const payload = Buffer.from(json, 'utf8').toString('base64url');
      let signature: Buffer;
      try {
        signature = sign(null, Buffer.from(`${header}.${payload}`, 'latin1'), key);
      } catch (cause) {
        throw new PreflightError({
          code: 'KEY_INVALID',
          message: 'Ed25519 signing failed.',
          cause,
        });
      }
      return { protected: header, payload, signature: signature.toString('base64url') };
    },
  };
}
