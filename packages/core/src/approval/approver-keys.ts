import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import { z } from 'zod';
import { PreflightError } from '../errors';
import { type ApproverPublicJwk, approverPublicJwkSchema } from './trust-store-schema';

/** An approver's private Ed25519 key as a JWK (RFC 8037): the public part plus `d`. */
export const approverPrivateJwkSchema = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a 32-byte base64url Ed25519 public key'),
    d: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a 32-byte base64url Ed25519 private key'),
    kid: z.string().min(1).optional(),
    alg: z.enum(['EdDSA', 'Ed25519']).optional(),
    use: z.literal('sig').optional(),
  })
  .strict();
export type ApproverPrivateJwk = z.infer<typeof approverPrivateJwkSchema>;

export interface ApproverKeyPair {
  /** Keep secret: whoever holds it can approve in the approver's name. */
  privateJwk: ApproverPrivateJwk;
  /** Goes into the trust store. */
  publicJwk: ApproverPublicJwk;
}

/**
 * Generates an Ed25519 key pair for an approver, with `kid` set to the RFC 7638 thumbprint.
 * Uses WebCrypto, so it runs on Node, edge runtimes and browsers alike.
 */
export async function generateApproverKeyPair(): Promise<ApproverKeyPair> {
  const { privateKey } = await generateKeyPair('Ed25519', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
  const privateJwk = approverPrivateJwkSchema.parse({
    kty: jwk.kty,
    crv: jwk.crv,
    x: jwk.x,
    d: jwk.d,
    kid,
  });
  return { privateJwk, publicJwk: publicJwkOf(privateJwk) };
}

/** The public half of a private JWK (drops `d`). */
export function publicJwkOf({ kty, crv, x, kid }: ApproverPrivateJwk): ApproverPublicJwk {
  return kid === undefined ? { kty, crv, x } : { kty, crv, x, kid };
}

/** RFC 7638 thumbprint of a public key: the `kid` approval tokens carry in their header. */
export function approverKeyId({ kty, crv, x }: ApproverPublicJwk): Promise<string> {
  return calculateJwkThumbprint({ kty, crv, x });
}

/** Validates JSON as a private approver JWK. Throws `KEY_INVALID`. */
export function parseApproverPrivateJwk(json: unknown): ApproverPrivateJwk {
  const parsed = approverPrivateJwkSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new PreflightError({
    code: 'KEY_INVALID',
    message: `Not an Ed25519 private key JWK: ${z.prettifyError(parsed.error)}`,
  });
}

/** Validates JSON as a public approver JWK. Throws `KEY_INVALID`. */
export function parseApproverPublicJwk(json: unknown): ApproverPublicJwk {
  const parsed = approverPublicJwkSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new PreflightError({
    code: 'KEY_INVALID',
    message: `Not an Ed25519 public key JWK: ${z.prettifyError(parsed.error)}`,
  });
}

/** Imports a private approver JWK as a signing key. Throws `KEY_INVALID`. */
export async function importApproverPrivateKey(jwk: ApproverPrivateJwk): Promise<CryptoKey> {
  try {
    const { kty, crv, x, d } = approverPrivateJwkSchema.parse(jwk);
    return (await importJWK({ kty, crv, x, d }, 'EdDSA')) as CryptoKey;
  } catch (error) {
    throw new PreflightError({
      code: 'KEY_INVALID',
      message: 'Cannot import the approver private key.',
      cause: error,
    });
  }
}
