import { base64url, calculateJwkThumbprint, SignJWT } from 'jose';
import { z } from 'zod';
import { PreflightError } from '../errors';
import { variableNameSchema } from '../policy/ir';
import { approvalArgsDigest } from './approval-args-digest';
import { APPROVAL_TOKEN_TYPE, approverIdSchema, sha256DigestSchema } from './approval-claims';
import { type ApproverPrivateJwk, importApproverPrivateKey } from './approver-keys';

/** Default lifetime of an approval: long enough to retry, short enough to count as "recent". */
export const DEFAULT_APPROVAL_TTL_SECONDS = 15 * 60;

export interface IssueApprovalTokenOptions {
  /** The approver's id, as in the trust store. Required. */
  approverId: string;
  /** The approver's private key (a JWK, or an imported WebCrypto key). Required. */
  privateKey: ApproverPrivateJwk | CryptoKey;
  /** Policy variable the token satisfies, e.g. `authorization_token`. Required. */
  variable: string;
  /** Tool of the approved action. Required. */
  tool: string;
  /** The approved tool args; their digest is what the token binds to. Give this or `argsDigest`. */
  args?: unknown;
  /** `Action.argsDigest` of the approved action, when the args themselves are not at hand. */
  argsDigest?: string;
  /** Limits the token to one session. Default: valid in any session. */
  sessionId?: string;
  /** Lifetime in seconds. Default: 900 (15 minutes). */
  ttlSeconds?: number;
  /** Clock. Default: `() => new Date()`. */
  now?: () => Date;
  /** Token id (`jti`). Default: 128 random bits, base64url. */
  tokenId?: string;
  /** Extra signed claims for the record (e.g. `{ ticket: 'CHG-1234' }`). Default: none. */
  extraClaims?: Record<string, unknown>;
}

const issueInputSchema = z.object({
  approverId: approverIdSchema,
  variable: variableNameSchema,
  tool: z.string().min(1),
  argsDigest: sha256DigestSchema,
  sessionId: z.string().min(1).optional(),
  ttlSeconds: z.number().int().positive(),
  tokenId: z.string().min(8).max(128).optional(),
});

const reservedClaims = ['iss', 'pfv', 'tool', 'args_digest', 'sid', 'iat', 'nbf', 'exp', 'jti'];

/**
 * Signs an approval token: a compact JWS (JWT) in which a named approver approves exactly one
 * action (tool + args digest) for one policy variable, once, until it expires.
 *
 * @example
 * const token = await issueApprovalToken({
 *   approverId: 'alice@example.com',
 *   privateKey: aliceJwk,
 *   variable: 'authorization_token',
 *   tool: 'updateRecord',
 *   args: { id: 42, status: 'closed' },
 * });
 */
export async function issueApprovalToken({
  approverId,
  privateKey,
  variable,
  tool,
  args,
  argsDigest: givenDigest,
  sessionId,
  ttlSeconds = DEFAULT_APPROVAL_TTL_SECONDS,
  now = () => new Date(),
  tokenId,
  extraClaims = {},
}: IssueApprovalTokenOptions): Promise<string> {
  const argsDigest = resolveArgsDigest(args, givenDigest);
  const input = issueInputSchema.safeParse({
    approverId,
    variable,
    tool,
    argsDigest,
    sessionId,
    ttlSeconds,
    tokenId,
  });
  if (!input.success) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `Cannot issue an approval token: ${z.prettifyError(input.error)}`,
    });
  }
  const clash = Object.keys(extraClaims).find((claim) => reservedClaims.includes(claim));
  if (clash !== undefined) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `Extra claim "${clash}" would override a claim the token's binding relies on.`,
    });
  }
  const { key, kid } = await signingKey(privateKey);
  const issuedAt = Math.floor(now().getTime() / 1000);
  const claims: Record<string, unknown> = {
    ...extraClaims,
    pfv: variable,
    tool,
    args_digest: argsDigest,
  };
  if (sessionId !== undefined) claims.sid = sessionId;
  const jwt = new SignJWT(claims)
    .setProtectedHeader(
      kid === undefined
        ? { alg: 'EdDSA', typ: APPROVAL_TOKEN_TYPE }
        : { alg: 'EdDSA', typ: APPROVAL_TOKEN_TYPE, kid },
    )
    .setIssuer(approverId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .setJti(tokenId ?? randomTokenId());
  return jwt.sign(key);
}

function resolveArgsDigest(args: unknown, argsDigest: string | undefined): string {
  if (args === undefined) {
    if (argsDigest !== undefined) return argsDigest;
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: 'Cannot issue an approval token without the args (or their digest) it approves.',
    });
  }
  const digest = approvalArgsDigest(args);
  if (argsDigest !== undefined && argsDigest !== digest) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `The args digest is ${digest}, not the given argsDigest ${argsDigest}.`,
    });
  }
  return digest;
}

async function signingKey(
  privateKey: ApproverPrivateJwk | CryptoKey,
): Promise<{ key: CryptoKey; kid?: string }> {
  if (isCryptoKey(privateKey)) return { key: privateKey };
  const key = await importApproverPrivateKey(privateKey);
  const { kty, crv, x } = privateKey;
  return { key, kid: privateKey.kid ?? (await calculateJwkThumbprint({ kty, crv, x })) };
}

function isCryptoKey(value: unknown): value is CryptoKey {
  return typeof CryptoKey !== 'undefined' && value instanceof CryptoKey;
}

function randomTokenId(): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(16)));
}
