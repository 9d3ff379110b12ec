import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import type { PermissionVerifier } from '../guard/types';
import type { Value } from '../policy/ir';
import {
  APPROVAL_TOKEN_ALGORITHMS,
  APPROVAL_TOKEN_TYPE,
  type ApprovalClaims,
  approvalClaimsSchema,
  approverIdSchema,
} from './approval-claims';
import type { TrustedApprover, TrustStore } from './create-trust-store';
import { createMemoryReplayStore, type ReplayStore } from './replay-store';
import type { TokenFailureCode } from './token-failure';

/** Tokens longer than this are refused before any parsing (they are a few hundred bytes). */
const MAX_TOKEN_LENGTH = 8192;

export interface TokenVerifierOptions {
  /** Approver ids and their public keys. Required. */
  trustStore: TrustStore;
  /**
   * Where used token ids are remembered (single use). Default: a new in-memory store, which only
   * protects one process: pass a shared store when several processes verify tokens.
   */
  replayStore?: ReplayStore;
  /** Tolerated clock difference between issuer and verifier, in seconds. Default: 30. */
  clockSkewSeconds?: number;
  /** Longest accepted lifetime (`exp - iat`), in seconds. Default: 86400 (24 hours). */
  maxLifetimeSeconds?: number;
  /** Clock. Default: `() => new Date()`. */
  now?: () => Date;
  /**
   * Policy variable a verified token establishes besides its own, taken from the verified
   * approver (never from anything typed). `null` to grant nothing. Default: `'approver_id'`.
   */
  approverVariable?: string | null;
}

/** What one verification found. Assignable to the guard's `PermissionCheck`. */
export type TokenVerification =
  | {
      ok: true;
      tokenId: string;
      approverId: string;
      grants: Record<string, Value>;
      /** The verified claims, for the receipt. */
      claims: ApprovalClaims;
    }
  | {
      ok: false;
      code: TokenFailureCode;
      /** `<code>: <readable detail>`. */
      reason: string;
      /** The approver the token claims, once it is well formed (unverified unless the failure
       * comes after the signature check). */
      claimedApproverId?: string;
    };

/** A `PermissionVerifier` whose results carry the failure code and verified claims. */
export interface TokenVerifier extends PermissionVerifier {
  verify(request: Parameters<PermissionVerifier['verify']>[0]): Promise<TokenVerification>;
}

/**
 * Verifies approval tokens for the guard. A token counts as provided only if every step passes,
 * in this order: well-formed, known approver, signature by one of that approver's keys, valid
 * claims, approver allowed for the variable, lifetime, not before / expiry (with clock skew),
 * bound to this variable, tool, args digest and session, and never used before. Never throws:
 * any failure, including a failing store, is `{ ok: false, code, reason }`.
 *
 * @example
 * const verifier = createTokenVerifier({ trustStore: createTrustStore(data) });
 * const check = await verifier.verify({ variable, token, tool, argsDigest, sessionId });
 */
export function createTokenVerifier({
  trustStore,
  replayStore,
  clockSkewSeconds = 30,
  maxLifetimeSeconds = 86_400,
  now = () => new Date(),
  approverVariable = 'approver_id',
}: TokenVerifierOptions): TokenVerifier {
  const replays = replayStore ?? createMemoryReplayStore({ now });

  async function verifyToken(
    request: Parameters<PermissionVerifier['verify']>[0],
  ): Promise<TokenVerification> {
    const { variable, token, tool, argsDigest, sessionId } = request;
    if (typeof token !== 'string')
      return fail('malformed', `a token is a string, not ${kind(token)}`);
    if (token.length > MAX_TOKEN_LENGTH) return fail('malformed', 'the token is too long');

    let header: ReturnType<typeof decodeProtectedHeader>;
    let unverified: ReturnType<typeof decodeJwt>;
    try {
      header = decodeProtectedHeader(token);
      unverified = decodeJwt(token);
    } catch {
      return fail('malformed', 'not a compact JWS/JWT');
    }
    if (header.typ !== APPROVAL_TOKEN_TYPE) {
      return fail('malformed', `not a PreFlight approval token (typ ${String(header.typ)})`);
    }
    if (!(APPROVAL_TOKEN_ALGORITHMS as readonly unknown[]).includes(header.alg)) {
      return fail('malformed', `algorithm ${String(header.alg)} is not accepted (Ed25519 only)`);
    }
    const issuer = approverIdSchema.safeParse(unverified.iss);
    if (!issuer.success) return fail('malformed', 'no valid approver id (iss)');
    const claimedApproverId = issuer.data;

    let approver: TrustedApprover | undefined;
    try {
      approver = await trustStore.getApprover(claimedApproverId);
    } catch (error) {
      return fail('unavailable', `trust store failed: ${message(error)}`, claimedApproverId);
    }
    if (approver === undefined) {
      return fail(
        'unknown_approver',
        `"${claimedApproverId}" is not in the trust store`,
        claimedApproverId,
      );
    }

    const payload = await verifiedPayload(token, approver.keys);
    if (payload === undefined) {
      return fail(
        'bad_signature',
        `no trusted key of "${claimedApproverId}" signed this token`,
        claimedApproverId,
      );
    }
    const parsed = approvalClaimsSchema.safeParse(parseJson(payload));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(
        'malformed',
        `claim ${issue?.path.join('.') || '(payload)'}: ${issue?.message}`,
        claimedApproverId,
      );
    }
    const claims = parsed.data;
    const failure = checkClaims(claims, approver, { variable, tool, argsDigest, sessionId });
    if (failure !== undefined) return { ...failure, claimedApproverId };

    let fresh: boolean;
    try {
      // Kept until the last second the token could still pass the expiry check.
      fresh = await replays.consume(
        JSON.stringify([claims.iss, claims.jti]),
        claims.exp + clockSkewSeconds,
      );
    } catch (error) {
      return fail('unavailable', `replay store failed: ${message(error)}`, claimedApproverId);
    }
    if (!fresh) return fail('replayed', `token ${claims.jti} was already used`, claimedApproverId);

    const grants: Record<string, Value> = {};
    if (approverVariable !== null && approverVariable !== variable) grants[approverVariable] = true;
    return { ok: true, tokenId: claims.jti, approverId: claims.iss, grants, claims };
  }

  function checkClaims(
    claims: ApprovalClaims,
    approver: TrustedApprover,
    expected: { variable: string; tool: string; argsDigest: string; sessionId: string },
  ): Extract<TokenVerification, { ok: false }> | undefined {
    if (approver.variables !== undefined && !approver.variables.includes(claims.pfv)) {
      return fail('approver_not_allowed', `"${approver.id}" may not approve ${claims.pfv}`);
    }
    if (claims.exp - claims.iat > maxLifetimeSeconds) {
      return fail(
        'lifetime_too_long',
        `lifetime ${claims.exp - claims.iat} s exceeds ${maxLifetimeSeconds} s`,
      );
    }
    const seconds = Math.floor(now().getTime() / 1000);
    const notBefore = Math.max(claims.iat, claims.nbf ?? 0);
    if (notBefore > seconds + clockSkewSeconds) {
      return fail('not_yet_valid', `valid from ${isoSeconds(notBefore)}`);
    }
    if (claims.exp <= seconds - clockSkewSeconds) {
      return fail('expired', `expired at ${isoSeconds(claims.exp)}`);
    }
    if (claims.pfv !== expected.variable) {
      return fail('wrong_variable', `issued for ${claims.pfv}, offered for ${expected.variable}`);
    }
    if (claims.tool !== expected.tool) {
      return fail('wrong_tool', `issued for tool "${claims.tool}", not "${expected.tool}"`);
    }
    if (claims.args_digest !== expected.argsDigest) {
      return fail(
        'wrong_action',
        `issued for args ${claims.args_digest}, not ${expected.argsDigest}`,
      );
    }
    if (claims.sid !== undefined && claims.sid !== expected.sessionId) {
      return fail(
        'wrong_session',
        `issued for session "${claims.sid}", not "${expected.sessionId}"`,
      );
    }
    return undefined;
  }

  return {
    async verify(request) {
      try {
        return await verifyToken(request);
      } catch (error) {
        // Unexpected: still a "not provided", never a throw into the guard.
        return fail('unavailable', `verification failed: ${message(error)}`);
      }
    },
  };
}

async function verifiedPayload(
  token: string,
  keys: readonly CryptoKey[],
): Promise<Uint8Array | undefined> {
  for (const key of keys) {
    try {
      const { payload } = await compactVerify(token, key, {
        algorithms: [...APPROVAL_TOKEN_ALGORITHMS],
      });
      return payload;
    } catch {
      // Try the approver's next key (rotation); none verifying is reported by the caller.
    }
  }
  return undefined;
}

function fail(
  code: TokenFailureCode,
  detail: string,
  claimedApproverId?: string,
): Extract<TokenVerification, { ok: false }> {
  const failure: Extract<TokenVerification, { ok: false }> = {
    ok: false,
    code,
    reason: `${code}: ${detail}`,
  };
  if (claimedApproverId !== undefined) failure.claimedApproverId = claimedApproverId;
  return failure;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isoSeconds(seconds: number): string {
  const date = new Date(seconds * 1000);
  // Signed but absurd times (year 300000) are still reported, not thrown.
  return Number.isNaN(date.getTime())
    ? `${seconds} (Unix seconds)`
    : date.toISOString().replace('.000Z', 'Z');
}
