import { calculateJwkThumbprint } from 'jose';
import { PreflightError } from '../errors';

/** An Ed25519 public key as a JWK (RFC 8037): `{ kty: 'OKP', crv: 'Ed25519', x }`. */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  /** base64url of the 32-byte public key. */
  x: string;
  /** RFC 7638 thumbprint of the key, when the key carries its id. */
  kid?: string;
}

/** An Ed25519 private key as a JWK (RFC 8037): the public JWK plus `d`. */
export interface Ed25519PrivateJwk extends Ed25519PublicJwk {
  d: string;
}

const algorithm = { name: 'Ed25519' } as const;

/** Creates a new extractable Ed25519 key pair with WebCrypto and returns it as a private JWK. */
export async function generateEd25519Jwk(): Promise<Ed25519PrivateJwk> {
  const pair = (await crypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const privateJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d } as Ed25519PrivateJwk;
  return { ...privateJwk, kid: await ed25519KeyId(privateJwk) };
}

/**
 * The key id of an Ed25519 key: its RFC 7638 JWK thumbprint (SHA-256, base64url). Anyone holding
 * the public key recomputes it with any JOSE library, so the id cannot be made to name another key.
 */
export function ed25519KeyId(jwk: Ed25519PublicJwk): Promise<string> {
  return calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'sha256');
}

/** The public half of a key, with its key id. */
export async function toEd25519PublicJwk(jwk: Ed25519PublicJwk): Promise<Ed25519PublicJwk> {
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: await ed25519KeyId(jwk) };
}

/** True for a value shaped like an Ed25519 public JWK. */
export function isEd25519PublicJwk(value: unknown): value is Ed25519PublicJwk {
  if (typeof value !== 'object' || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return (
    jwk.kty === 'OKP' &&
    jwk.crv === 'Ed25519' &&
    typeof jwk.x === 'string' &&
    /^[A-Za-z0-9_-]{43}$/.test(jwk.x)
  );
}

/** Imports a private JWK as a non-extractable signing key. Throws `KEY_INVALID`. */
export async function importEd25519SigningKey(jwk: Ed25519PrivateJwk): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d },
      algorithm,
      false,
      ['sign'],
    );
  } catch (cause) {
    throw new PreflightError({
      code: 'KEY_INVALID',
      message: 'Not a usable Ed25519 private key.',
      cause,
    });
  }
}

/** Imports a public JWK as a verification key, or `undefined` when it is not a valid key. */
export async function importEd25519VerifyKey(jwk: unknown): Promise<CryptoKey | undefined> {
  if (!isEd25519PublicJwk(jwk)) return undefined;
  try {
    return await crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
      algorithm,
      false,
      ['verify'],
    );
  } catch {
    return undefined;
  }
}

/** Signs bytes with Ed25519 (deterministic, RFC 8032). Throws `KEY_INVALID` if the key is unusable. */
export async function signEd25519(key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  try {
    return new Uint8Array(await crypto.subtle.sign(algorithm, key, data as BufferSource));
  } catch (cause) {
    throw new PreflightError({ code: 'KEY_INVALID', message: 'Ed25519 signing failed.', cause });
  }
}

/**
 * Verifies an Ed25519 signature. Returns a boolean and never throws: a malformed key, signature
 * or runtime failure is simply "not verified".
 */
export async function verifyEd25519(
  key: CryptoKey,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64) return false;
  try {
    return await crypto.subtle.verify(
      algorithm,
      key,
      signature as BufferSource,
      data as BufferSource,
    );
  } catch {
    return false;
  }
}
