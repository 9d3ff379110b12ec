import type { PreflightErrorCode } from './error-codes';

const marker = 'preflight.error';
const symbol = Symbol.for(marker);

/**
 * The one error class of PreFlight. Callers branch on `code` (a stable string from
 * {@link PreflightErrorCode}), never on the message, so messages can improve freely.
 */
export class PreflightError extends Error {
  // The marker `isInstance` looks for: survives two copies of this package being installed.
  readonly [symbol] = true;
  readonly code: PreflightErrorCode;
  /** Structured details for programs (rule number, position, HTTP status...). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor({
    code,
    message,
    cause,
    details = {},
  }: {
    code: PreflightErrorCode;
    message: string;
    cause?: unknown;
    details?: Record<string, unknown>;
  }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'PreflightError';
    this.code = code;
    this.details = details;
  }

  /** True for any PreflightError, even one from a second copy of this package. */
  static isInstance(error: unknown): error is PreflightError {
    return typeof error === 'object' && error !== null && symbol in error;
  }
}
