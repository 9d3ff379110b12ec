import { PreflightError, type PreflightErrorCode } from '../../errors';
import { parseJsonObject } from './parse-json-object';

/** What the client was doing when an error happened, for messages and details. */
export interface IcmeCallContext {
  endpoint: string;
  attempt?: number;
}

/** Maps a non-2xx HTTP status to a typed error. `body` is the (bounded) response text. */
export function icmeStatusError(
  status: number,
  body: string,
  { endpoint, attempt }: IcmeCallContext,
  retryAfterMs?: number,
): PreflightError {
  const icmeCode = readErrorCode(body);
  const code = statusCode(status, icmeCode);
  const detail = readErrorMessage(body);
  return new PreflightError({
    code,
    message: `ICME ${endpoint}: ${statusMessage(status, code)}${detail ? `: ${detail}` : ''}`,
    details: {
      status,
      endpoint,
      ...(icmeCode ? { icmeCode } : {}),
      ...(attempt ? { attempt } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      body: body.slice(0, 2000),
    },
  });
}

/** Maps an SSE `{"step":"error", code, error}` event to a typed error. */
export function icmeStreamError(
  payload: Record<string, unknown>,
  endpoint: string,
): PreflightError {
  const icmeCode = typeof payload['code'] === 'string' ? payload['code'] : undefined;
  const message =
    typeof payload['error'] === 'string'
      ? payload['error']
      : typeof payload['msg'] === 'string'
        ? payload['msg']
        : typeof payload['message'] === 'string'
          ? payload['message']
          : 'error event';
  return new PreflightError({
    code: icmeCode === 'INSUFFICIENT_CREDITS' ? 'ICME_INSUFFICIENT_CREDITS' : 'ICME_SERVER',
    message: `ICME ${endpoint} reported an error: ${message}`,
    details: { endpoint, ...(icmeCode ? { icmeCode } : {}), raw: payload },
  });
}

/** A response that does not have the shape the protocol promises. */
export function icmeProtocolError(
  endpoint: string,
  message: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
): PreflightError {
  return new PreflightError({
    code: 'ICME_PROTOCOL',
    message: `ICME ${endpoint}: ${message}`,
    cause,
    details: { endpoint, ...details },
  });
}

function statusCode(status: number, icmeCode: string | undefined): PreflightErrorCode {
  if (icmeCode === 'INSUFFICIENT_CREDITS' || status === 402) return 'ICME_INSUFFICIENT_CREDITS';
  if (status === 401 || status === 403) return 'ICME_UNAUTHORIZED';
  if (status === 404) return 'ICME_NOT_FOUND';
  if (status === 409) return 'ICME_CONFLICT';
  if (status === 429) return 'ICME_RATE_LIMITED';
  if (status >= 500) return 'ICME_SERVER';
  return 'ICME_BAD_REQUEST';
}

function statusMessage(status: number, code: PreflightErrorCode): string {
  switch (code) {
    case 'ICME_INSUFFICIENT_CREDITS':
      return `HTTP ${status}, out of credits (a human must top up the account)`;
    case 'ICME_UNAUTHORIZED':
      return status === 403
        ? 'HTTP 403, forbidden (bad API key, or the request was blocked upstream)'
        : 'HTTP 401, the API key was rejected';
    case 'ICME_NOT_FOUND':
      return 'HTTP 404, not found';
    case 'ICME_CONFLICT':
      return 'HTTP 409, conflict (a single-use proof was already consumed)';
    case 'ICME_RATE_LIMITED':
      return 'HTTP 429, rate limited';
    case 'ICME_SERVER':
      return `HTTP ${status}, server error`;
    default:
      return `HTTP ${status}, request rejected`;
  }
}

function readErrorCode(body: string): string | undefined {
  const code = parseJsonObject(body)?.['code'];
  return typeof code === 'string' ? code : undefined;
}

function readErrorMessage(body: string): string | undefined {
  const parsed = parseJsonObject(body);
  for (const key of ['error', 'message', 'detail', 'msg']) {
    const value = parsed?.[key];
    if (typeof value === 'string' && value.length > 0) return value.slice(0, 300);
  }
  return undefined;
}
