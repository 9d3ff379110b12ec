import type { IcmeTransport } from './icme-transport';
import type { IcmeProgress } from './read-icme-stream';
import type { IcmeRetryOptions } from './retry-delay';

/** The default API base URL. */
export const ICME_DEFAULT_BASE_URL = 'https://api.icme.io/v1';
/** Sent on every request: Cloudflare in front of the API rejects some default user agents. */
export const ICME_USER_AGENT = 'preflight-icme-client/0.1.0';

/** Time limits of the client, in milliseconds. */
export interface IcmeTimeouts {
  /** Overall deadline of one `checkIt` (all attempts). Default 120 000 (measured ~7 s median). */
  checkMs?: number;
  /** Overall deadline of one `makeRules`. Default 900 000 (compiles take 30 s to minutes). */
  makeRulesMs?: number;
  /** Overall deadline of the JSON calls (relevance, policy, proofs, me). Default 30 000. */
  requestMs?: number;
  /** Longest silence inside a `checkIt` stream. Default 60 000. */
  streamIdleMs?: number;
}

export interface IcmeClientOptions {
  /** The `X-API-Key`. Default: none (calls that need it fail with `ICME_UNAUTHORIZED`). */
  apiKey?: string;
  /** API base URL without trailing slash. Default {@link ICME_DEFAULT_BASE_URL}. */
  baseUrl?: string;
  /** How requests are sent. Default `createFetchTransport()` (global fetch). */
  transport?: IcmeTransport;
  /** User-Agent header. Default {@link ICME_USER_AGENT}. */
  userAgent?: string;
  /** Time limits. Defaults as documented on {@link IcmeTimeouts}. */
  timeouts?: IcmeTimeouts;
  /** Retry bounds. Default 3 attempts, 1 s initial backoff doubling to at most 8 s. */
  retry?: IcmeRetryOptions;
}

/** Per-call options. */
export interface IcmeCallOptions {
  signal?: AbortSignal;
}

/** Per-call options of the streaming endpoints. */
export interface IcmeStreamCallOptions extends IcmeCallOptions {
  /** Progress events (`1/3 Analyzing action...`). */
  onProgress?: (progress: IcmeProgress) => void;
}
