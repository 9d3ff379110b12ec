/**
 * Why a token did not count as "provided". Stable strings: receipts, tests and apps branch on
 * them; the readable detail that follows them in `reason` may change.
 */
export const tokenFailureCodes = [
  /** Not a string, not a compact JWS, not our token type, or claims missing or invalid. */
  'malformed',
  /** The `iss` approver is not in the trust store. */
  'unknown_approver',
  /** No trusted key of that approver verifies the signature (forged or tampered token). */
  'bad_signature',
  /** The approver is trusted, but not for this policy variable. */
  'approver_not_allowed',
  /** `exp - iat` exceeds the verifier's maximum lifetime. */
  'lifetime_too_long',
  /** Issued (or `nbf`) in the future beyond the clock skew. */
  'not_yet_valid',
  /** Past `exp` beyond the clock skew. */
  'expired',
  /** Issued for another policy variable. */
  'wrong_variable',
  /** Issued for another tool. */
  'wrong_tool',
  /** Issued for other tool args (a different action). */
  'wrong_action',
  /** Issued for another session. */
  'wrong_session',
  /** Already used once. */
  'replayed',
  /** The trust store or replay store failed: fail closed. */
  'unavailable',
] as const;

export type TokenFailureCode = (typeof tokenFailureCodes)[number];
