import { z } from 'zod';
import { variableNameSchema } from '../policy/ir';
import { approverIdSchema } from './approval-claims';

/**
 * An approver's public Ed25519 key as a JWK (RFC 8037). Private key material (`d`) is refused
 * with its own message, because a trust store is meant to be shared and reviewed.
 */
export const approverPublicJwkSchema = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    /** The 32-byte public key, base64url without padding. */
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a 32-byte base64url Ed25519 public key'),
    /** Key id: the RFC 7638 thumbprint when written by PreFlight; informational. */
    kid: z.string().min(1).optional(),
    alg: z.enum(['EdDSA', 'Ed25519']).optional(),
    use: z.literal('sig').optional(),
    d: z
      .never({ error: 'a trust store holds public keys only: remove the private part "d"' })
      .optional(),
  })
  .strict();
export type ApproverPublicJwk = z.infer<typeof approverPublicJwkSchema>;

/** One approver: a named human (or role account) whose signature counts as approval. */
export const trustedApproverEntrySchema = z
  .object({
    /** Display name for reports, e.g. "Alice Example (CISO)". */
    name: z.string().optional(),
    /** Public keys; a token signed by any of them is accepted. More than one allows rotation. */
    keys: z.array(approverPublicJwkSchema).min(1),
    /**
     * Policy variables this approver may satisfy. Absent means any variable; an empty list means
     * none (a suspended approver).
     */
    variables: z.array(variableNameSchema).optional(),
    /** When the approver was added (ISO 8601), for the audit trail. */
    addedAt: z.string().optional(),
  })
  .strict();
export type TrustedApproverEntry = z.infer<typeof trustedApproverEntrySchema>;

/**
 * The trust store file (`.preflight/trust-store.json` by default): approver id -> public keys.
 *
 * @example
 * {
 *   "version": "v1",
 *   "approvers": {
 *     "alice@example.com": {
 *       "name": "Alice Example",
 *       "keys": [{ "kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }],
 *       "variables": ["authorization_token"]
 *     }
 *   }
 * }
 */
export const trustStoreDataSchema = z
  .object({
    version: z.literal('v1'),
    approvers: z.record(approverIdSchema, trustedApproverEntrySchema),
  })
  .strict();
export type TrustStoreData = z.infer<typeof trustStoreDataSchema>;

/** An empty trust store: no token verifies against it. */
export function emptyTrustStoreData(): TrustStoreData {
  return { version: 'v1', approvers: {} };
}
