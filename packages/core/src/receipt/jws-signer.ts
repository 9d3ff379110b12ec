import { base64UrlEncode } from '../crypto/base64url';
import {
  type Ed25519PrivateJwk,
  type Ed25519PublicJwk,
  importEd25519SigningKey,
  signEd25519,
  toEd25519PublicJwk,
} from '../crypto/ed25519';
import { type FlattenedJws, type JwsType, jwsHeaderCache, jwsSigningInput } from './jws-envelope';

/** Signs evidence records. The private key never leaves it. */
export interface JwsSigner {
  /** RFC 7638 thumbprint of the public key. */
  readonly keyId: string;
  readonly publicKey: Ed25519PublicJwk;
  /**
   * Signs a payload as a flattened JWS of the given type. `json` must already be canonical JSON
   * (RFC 8785, `canonicalJson`): callers hash the same text they sign.
   */
  sign(type: JwsType, json: string): Promise<FlattenedJws>;
}

/** Creates a signer from an Ed25519 private JWK (see `generateEd25519Jwk`). */
export async function createJwsSigner(privateJwk: Ed25519PrivateJwk): Promise<JwsSigner> {
  const key = await importEd25519SigningKey(privateJwk);
  const publicKey = await toEd25519PublicJwk(privateJwk);
  const keyId = publicKey.kid as string;
  const headerFor = jwsHeaderCache(keyId);
  return {
    keyId,
    publicKey,
    async sign(type, json) {
      const header = headerFor(type);
      const payload = base64UrlEncode(json);
      const signature = await signEd25519(key, jwsSigningInput({ protected: header, payload }));
      return { protected: header, payload, signature: base64UrlEncode(signature) };
    },
  };
}
