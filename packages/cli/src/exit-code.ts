import { PreflightError, type PreflightErrorCode } from '@preflight/core';

/** Exit codes of the preflight command (DESIGN.md section 7). */
export const exitCodes = {
  /** Allowed, passed, done. */
  ok: 0,
  /** Not allowed, a test case mismatched, a compile error, a verification failed. */
  failed: 1,
  /** Usage or input error: missing file, bad JSON, unknown option. */
  usage: 2,
} as const;

/** Codes that mean the user gave bad input (exit 2) rather than a check that failed (exit 1). */
const usageCodes: ReadonlySet<PreflightErrorCode> = new Set([
  'INPUT_INVALID',
  'FILE_NOT_FOUND',
  'EVALUATION_VARIABLE_UNKNOWN',
  'EVALUATION_VALUE_INVALID',
]);

/**
 * The exit code for an error a command let through. A policy that does not compile is bad input
 * to `check` and `policy test` (2); `policy compile` reports it as its own failure (1).
 */
export function exitCodeFor(error: unknown): number {
  if (PreflightError.isInstance(error)) {
    const input = usageCodes.has(error.code) || error.code.startsWith('POLICY_');
    return input ? exitCodes.usage : exitCodes.failed;
  }
  return exitCodes.failed;
}
