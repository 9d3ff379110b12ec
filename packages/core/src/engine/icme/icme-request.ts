import { PreflightError } from '../../errors';
import { icmeStatusError } from './icme-errors';
import type { IcmeTransport, IcmeTransportResponse } from './icme-transport';
import { readText } from './read-icme-stream';
import { backoffDelay, type IcmeRetryOptions, parseRetryAfter, sleep } from './retry-delay';

/** Everything a call needs that does not change between calls. */
export interface IcmeRequestConfig {
  baseUrl: string;
  apiKey: string | undefined;
  userAgent: string;
  transport: IcmeTransport;
  retry: IcmeRetryOptions;
}

/** One logical API call (which may be several HTTP attempts). */
export interface IcmeCallSpec<T> {
  /** Name for messages and details, e.g. `checkIt`. */
  endpoint: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** `Accept` header. Default `application/json`. */
  accept?: string;
  /**
   * `safe`: retried after network errors, timeouts, 5xx and 429 (idempotent or free calls).
   * `unsent`: retried only when the request provably never left, or on 429 (the server refused
   * it unprocessed), because a paid or minting call must never run twice.
   */
  retry: 'safe' | 'unsent';
  /** Overall deadline for all attempts, in milliseconds. */
  deadlineMs: number;
  /** Longest silence between body chunks, in milliseconds. */
  bodyIdleMs: number;
  /** `required`: fail without a key. `optional`: send it when present, retry without on 401/403. */
  auth: 'required' | 'optional';
  signal?: AbortSignal;
  /** Reads a 2xx response. Errors it throws are classified like transport errors. */
  read: (response: IcmeTransportResponse) => Promise<T>;
}

const errorBodyLimit = 64 * 1024;

/** Runs one call with deadline, abort, bounded retries and typed errors. */
export async function icmeCall<T>(config: IcmeRequestConfig, spec: IcmeCallSpec<T>): Promise<T> {
  const { endpoint } = spec;
  if (spec.auth === 'required' && !config.apiKey) {
    throw new PreflightError({
      code: 'ICME_UNAUTHORIZED',
      message: `ICME ${endpoint}: no API key (pass apiKey or set ICME_API_KEY)`,
      details: { endpoint },
    });
  }
  const started = Date.now();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('deadline')), spec.deadlineMs);
  const signal = spec.signal ? AbortSignal.any([spec.signal, deadline.signal]) : deadline.signal;
  const attempts = Math.max(1, config.retry.attempts ?? 3);
  let sendKey = Boolean(config.apiKey);
  let retryIndex = 0;
  try {
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw classify(undefined, spec, deadline.signal, attempt);
      let outcome: { error: PreflightError; retryAfterMs?: number } | { value: T };
      try {
        const response = await config.transport({
          method: spec.method,
          url: `${config.baseUrl}${spec.path}`,
          headers: headers(config, spec, sendKey),
          ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
          signal,
          headersTimeoutMs: Math.max(1, spec.deadlineMs - (Date.now() - started)),
          bodyTimeoutMs: spec.bodyIdleMs,
        });
        if (response.status >= 200 && response.status < 300) {
          outcome = { value: await spec.read(response) };
        } else {
          const body = await readText(response.body, errorBodyLimit, endpoint).catch(() => '');
          const retryAfterMs = parseRetryAfter(response.header('retry-after'));
          outcome = {
            error: icmeStatusError(response.status, body, { endpoint, attempt }, retryAfterMs),
            ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
          };
        }
      } catch (error) {
        outcome = { error: classify(error, spec, deadline.signal, attempt) };
      }
      if ('value' in outcome) return outcome.value;
      const { error } = outcome;
      const status = error.details['status'];
      if (spec.auth === 'optional' && sendKey && (status === 401 || status === 403)) {
        sendKey = false; // proof endpoints have been seen keyless; try once without the key
        continue;
      }
      if (attempt >= attempts || !retryable(error, spec)) throw error;
      const wait = outcome.retryAfterMs ?? backoffDelay(retryIndex++, config.retry);
      const left = spec.deadlineMs - (Date.now() - started);
      if (wait >= left) throw error;
      await sleep(wait, signal).catch(() => {
        throw classify(undefined, spec, deadline.signal, attempt);
      });
    }
  } finally {
    clearTimeout(timer);
  }
}

function headers(config: IcmeRequestConfig, spec: IcmeCallSpec<unknown>, sendKey: boolean) {
  const result: Record<string, string> = {
    'user-agent': config.userAgent,
    accept: spec.accept ?? 'application/json',
  };
  if (spec.body !== undefined) result['content-type'] = 'application/json';
  if (sendKey && config.apiKey) result['x-api-key'] = config.apiKey;
  return result;
}

function retryable(error: PreflightError, spec: IcmeCallSpec<unknown>): boolean {
  if (error.code === 'ICME_RATE_LIMITED') return true;
  if (error.code === 'ICME_ABORTED') return false;
  if (error.details['deadline'] === true) return false;
  if (error.details['sent'] === false) return true; // it never left: safe even for paid calls
  if (spec.retry !== 'safe') return false;
  return (
    error.code === 'ICME_NETWORK' || error.code === 'ICME_TIMEOUT' || error.code === 'ICME_SERVER'
  );
}

/** Turns anything a transport or reader threw into a typed error. */
function classify(
  error: unknown,
  spec: IcmeCallSpec<unknown>,
  deadline: AbortSignal,
  attempt: number,
): PreflightError {
  const { endpoint } = spec;
  if (spec.signal?.aborted) {
    return new PreflightError({
      code: 'ICME_ABORTED',
      message: `ICME ${endpoint}: aborted by the caller`,
      cause: spec.signal.reason,
      details: { endpoint, attempt },
    });
  }
  if (deadline.aborted) {
    return new PreflightError({
      code: 'ICME_TIMEOUT',
      message: `ICME ${endpoint}: no answer within the ${spec.deadlineMs} ms deadline`,
      cause: error,
      details: { endpoint, attempt, deadline: true, deadlineMs: spec.deadlineMs },
    });
  }
  if (PreflightError.isInstance(error)) {
    if (error.code === 'ICME_NETWORK' || error.code === 'ICME_TIMEOUT') {
      return new PreflightError({
        code: error.code,
        message: `ICME ${endpoint}: ${error.message}`,
        cause: error.cause,
        details: { ...error.details, endpoint, attempt },
      });
    }
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PreflightError({
    code: 'ICME_NETWORK',
    message: `ICME ${endpoint}: network failure: ${message}`,
    cause: error,
    details: { endpoint, attempt },
  });
}
