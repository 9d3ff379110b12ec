import { decodeJwt } from 'jose';
import { z } from 'zod';
import { PreflightError } from '../errors';
import { type ApprovalClaims, approvalClaimsSchema } from './approval-claims';

/**
 * Reads the claims of an approval token WITHOUT verifying it: for display (what does this token
 * approve?) and for logs. Never use the result to decide anything; use the verifier.
 * Throws `TOKEN_INVALID`.
 */
export function decodeApprovalClaims(token: string): ApprovalClaims {
  let payload: unknown;
  try {
    payload = decodeJwt(token);
  } catch (cause) {
    throw new PreflightError({ code: 'TOKEN_INVALID', message: 'Not a JWT.', cause });
  }
  const parsed = approvalClaimsSchema.safeParse(payload);
  if (parsed.success) return parsed.data;
  throw new PreflightError({
    code: 'TOKEN_INVALID',
    message: `Not an approval token: ${z.prettifyError(parsed.error)}`,
  });
}
