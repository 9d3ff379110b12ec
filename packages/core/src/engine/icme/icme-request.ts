import { PreflightError } from '../../errors';
import { CallAbort } from './call-abort';
import { icmeStatusError } from './icme-errors';
import type { IcmeTransport, IcmeTransportRequest, IcmeTransportResponse } from './icme-transport';
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

/**
 * Runs one call with deadline, abort, bounded retries and typed errors.
 *
 * Per-call cost matters (a check should cost little more than its HTTP round trip): the deadline
 * is one timer, the abort state a {@link CallAbort} rather than an `AbortSignal` (see there), the
 * body is serialised once for all attempts and the header objects are shared between calls.
 */
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
  const abort = new CallAbort(spec.deadlineMs, spec.signal);
  const url = urlOf(config, spec.path);
  const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  const attempts = Math.max(1, config.retry.attempts ?? 3);
  let sendKey = Boolean(config.apiKey);
  let retryIndex = 0;
  try {
    for (let attempt = 1; ; attempt++) {
      if (abort.aborted) throw classify(undefined, spec, abort.deadlineHit, attempt);
      let error: PreflightError;
      let retryAfterMs: number | undefined;
      try {
        const request = new AttemptRequest(
          spec.method,
          url,
          headers(config, spec, sendKey),
          abort,
          Math.max(1, spec.deadlineMs - (Date.now() - started)),
          spec.bodyIdleMs,
        );
        if (body !== undefined) request.body = body;
        const response = await config.transport(request);
        if (response.status >= 200 && response.status < 300) return await spec.read(response);
        const text = await readText(response.body, errorBodyLimit, endpoint).catch(() => '');
        retryAfterMs = parseRetryAfter(response.header('retry-after'));
        error = icmeStatusError(response.status, text, { endpoint, attempt }, retryAfterMs);
      } catch (failure) {
        // The transport's header timeout is armed with the time left, so it can fire a moment
        // before the deadline timer: past the deadline, report it as the deadline either way.
        const deadlinePassed = abort.deadlineHit || Date.now() - started >= spec.deadlineMs - 1;
        error = classify(failure, spec, deadlinePassed, attempt);
      }
      const status = error.details['status'];
      if (spec.auth === 'optional' && sendKey && (status === 401 || status === 403)) {
        sendKey = false; // proof endpoints have been seen keyless; try once without the key
        continue;
      }
      if (attempt >= attempts || !retryable(error, spec)) throw error;
      const wait = retryAfterMs ?? backoffDelay(retryIndex++, config.retry);
      const left = spec.deadlineMs - (Date.now() - started);
      if (wait >= left) throw error;
      await sleep(wait, abort.signal).catch(() => {
        throw classify(undefined, spec, abort.deadlineHit, attempt);
      });
    }
  } finally {
    abort.stop();
  }
}

/** One attempt's request. Its `signal` is created only if the transport reads it. */
class AttemptRequest implements IcmeTransportRequest {
  declare body?: string;
  constructor(
    readonly method: 'GET' | 'POST',
    readonly url: string,
    readonly headers: Readonly<Record<string, string>>,
    readonly abortNotice: CallAbort,
    readonly headersTimeoutMs: number,
    readonly bodyTimeoutMs: number,
  ) {}

  get signal(): AbortSignal {
    return this.abortNotice.signal;
  }
}

/** Full URLs per config and path, so that the same string object (its hash cached) is reused. */
const urlCache = new WeakMap<IcmeRequestConfig, Map<string, string>>();
/** Most URLs remembered per config: proof URLs are one-off. */
const maxCachedUrls = 64;

function urlOf(config: IcmeRequestConfig, path: string): string {
  let urls = urlCache.get(config);
  if (!urls) {
    urls = new Map();
    urlCache.set(config, urls);
  }
  let url = urls.get(path);
  if (url === undefined) {
    url = `${config.baseUrl}${path}`;
    if (urls.size >= maxCachedUrls) urls.clear();
    urls.set(path, url);
  }
  return url;
}

/**
 * Header objects per config and `Accept` value, in 4 variants (with/without body and key): built
 * once, then shared between calls (frozen: transports only read them).
 */
const headerCache = new WeakMap<
  IcmeRequestConfig,
  Map<string, Array<Readonly<Record<string, string>>>>
>();

function headers(config: IcmeRequestConfig, spec: IcmeCallSpec<unknown>, sendKey: boolean) {
  const accept = spec.accept ?? 'application/json';
  const withBody = spec.body !== undefined;
  const withKey = sendKey && Boolean(config.apiKey);
  let byAccept = headerCache.get(config);
  if (!byAccept) {
    byAccept = new Map();
    headerCache.set(config, byAccept);
  }
  let variants = byAccept.get(accept);
  if (!variants) {
    variants = [];
    byAccept.set(accept, variants);
  }
  const index = (withBody ? 2 : 0) + (withKey ? 1 : 0);
  let shared = variants[index];
  if (!shared) {
    const result: Record<string, string> = { 'user-agent': config.userAgent, accept };
    if (withBody) result['content-type'] = 'application/json';
    if (withKey && config.apiKey) result['x-api-key'] = config.apiKey;
    shared = Object.freeze(result);
    variants[index] = shared;
  }
  return shared;
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
  deadlineHit: boolean,
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
  if (deadlineHit) {
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
