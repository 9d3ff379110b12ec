import { z } from 'zod';
import { variableNameSchema } from '../policy/ir';

/**
 * JWS `typ` header of an approval token (RFC 8725 explicit typing): a JWT signed by the same key
 * for another purpose can never pass as an approval.
 */
export const APPROVAL_TOKEN_TYPE = 'preflight-approval+jwt';

/** JWS algorithms accepted for approval tokens: Ed25519 only, under either of its JOSE names. */
export const APPROVAL_TOKEN_ALGORITHMS = ['EdDSA', 'Ed25519'] as const;

/** An approver id: printable, no spaces, safe in file names, CLI arguments and log lines. */
export const approverIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/,
    'approver ids are 1-128 characters: letters, digits and . _ @ + - (starting with a letter or digit)',
  );

/** A `sha256:` digest as produced by `digestJson`. */
export const sha256DigestSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'a sha256: digest');

/**
 * The claims of an approval token. Every claim that binds the token to one action is required;
 * the session binding is optional (a token without `sid` is valid in any session).
 */
export const approvalClaimsSchema = z
  .object({
    /** Approver id: the key that must have signed the token is looked up under it. */
    iss: approverIdSchema,
    /** The policy variable the token satisfies, e.g. `authorization_token`. */
    pfv: variableNameSchema,
    /** The tool the approved action calls. */
    tool: z.string().min(1),
    /** Digest of the approved tool args (`Action.argsDigest`): one action, exactly. */
    args_digest: sha256DigestSchema,
    /** Session the approval is limited to, if any. */
    sid: z.string().min(1).optional(),
    iat: z.number().int().nonnegative(),
    nbf: z.number().int().nonnegative().optional(),
    exp: z.number().int().positive(),
    /** Unique token id: a token is accepted once per (iss, jti). */
    jti: z.string().min(8).max(128),
  })
  // Unknown claims are kept, not rejected: they are signed, so they cannot be injected, and
  // issuers may add their own (a ticket reference, a reason) for the receipt.
  .loose();
export type ApprovalClaims = z.infer<typeof approvalClaimsSchema>;
