import type { z } from 'zod';
import { createFetchTransport } from './fetch-transport';
import {
  ICME_DEFAULT_BASE_URL,
  ICME_USER_AGENT,
  type IcmeCallOptions,
  type IcmeClientOptions,
  type IcmeStreamCallOptions,
} from './icme-client-options';
import { type IcmeCallSpec, type IcmeRequestConfig, icmeCall } from './icme-request';
import { readBytes, readCheckIt, readJson, validate } from './icme-response-readers';
import {
  accountSchema,
  type CheckItResult,
  type CompiledPolicyResponse,
  compiledPolicySchema,
  type IcmeAccount,
  type MakeRulesResult,
  makeRulesDoneSchema,
  type ProofMetadata,
  proofMetadataSchema,
  type RelevanceResult,
  relevanceSchema,
  type VerifyProofResult,
  verifyProofSchema,
} from './icme-schemas';
import { type IcmeVariable, parseSmtVariables } from './parse-smt-variables';
import { readIcmeStream } from './read-icme-stream';

export {
  ICME_DEFAULT_BASE_URL,
  ICME_USER_AGENT,
  type IcmeCallOptions,
  type IcmeClientOptions,
  type IcmeStreamCallOptions,
  type IcmeTimeouts,
} from './icme-client-options';

/** The compiled policy with its variables parsed from the SMT-LIB comments. */
export type IcmeCompiledPolicy = CompiledPolicyResponse & { variables: IcmeVariable[] };

/** Proof readiness: `GET /proof/{id}` answers 404 until the proof exists. */
export type ProofStatus = { ready: false } | { ready: true; metadata: ProofMetadata };

/** A typed client of the ICME PreFlight API. Methods reject with `PreflightError` (`ICME_*`). */
export interface IcmeClient {
  readonly baseUrl: string;
  /** Compiles a plain-English policy (SSE; 300 credits; mints a new policy id every call). */
  makeRules(policy: string, options?: IcmeStreamCallOptions): Promise<MakeRulesResult>;
  /** Free relevance screen. */
  checkRelevance(
    request: { policyId: string; action: string; threshold?: number },
    options?: IcmeCallOptions,
  ): Promise<RelevanceResult>;
  /** Paid check (SSE). Never retried once the request may have reached the server. */
  checkIt(
    request: { policyId: string; action: string },
    options?: IcmeStreamCallOptions,
  ): Promise<CheckItResult>;
  getPolicy(policyId: string, options?: IcmeCallOptions): Promise<IcmeCompiledPolicy>;
  /** Non-consuming proof metadata; `{ ready: false }` while the API answers 404. */
  getProof(proofId: string, options?: IcmeCallOptions): Promise<ProofStatus>;
  /** Downloads the proof bytes. Single use: a second call gets `ICME_CONFLICT`. */
  downloadProof(proofId: string, options?: IcmeCallOptions): Promise<Uint8Array>;
  /** Verifies the proof on the server. Single use: consumes the proof. */
  verifyProof(proofId: string, options?: IcmeCallOptions): Promise<VerifyProofResult>;
  me(options?: IcmeCallOptions): Promise<IcmeAccount>;
}

/**
 * Creates an ICME API client. Environment variables are not read here; use
 * `icmeClientOptionsFromEnv` from `@preflight/core/node`.
 *
 * @example
 * const client = createIcmeClient({ apiKey: 'sk-smt-...', transport: createUndiciTransport() });
 * const verdict = await client.checkIt({ policyId, action: 'approval_token: not provided ...' });
 */
export function createIcmeClient({
  apiKey,
  baseUrl = ICME_DEFAULT_BASE_URL,
  transport = createFetchTransport(),
  userAgent = ICME_USER_AGENT,
  timeouts = {},
  retry = {},
}: IcmeClientOptions = {}): IcmeClient {
  const config: IcmeRequestConfig = {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    apiKey: apiKey || undefined,
    userAgent,
    transport,
    retry,
  };
  const {
    checkMs = 120_000,
    makeRulesMs = 900_000,
    requestMs = 30_000,
    streamIdleMs = 60_000,
  } = timeouts;
  const call = <T>(spec: IcmeCallSpec<T>) => icmeCall(config, spec);
  const getJson = <S extends z.ZodType>(
    endpoint: string,
    path: string,
    schema: S,
    auth: 'required' | 'optional',
    options: IcmeCallOptions,
  ) =>
    call({
      endpoint,
      method: 'GET',
      path,
      retry: 'safe',
      deadlineMs: requestMs,
      bodyIdleMs: requestMs,
      auth,
      signal: options.signal,
      read: (response) => readJson(response, endpoint, schema),
    });
  const id = (value: string) => encodeURIComponent(value);

  return {
    baseUrl: config.baseUrl,
    makeRules: (policy, options = {}) =>
      call({
        endpoint: 'makeRules',
        method: 'POST',
        path: '/makeRules',
        body: { policy },
        accept: 'text/event-stream',
        retry: 'unsent',
        deadlineMs: makeRulesMs,
        bodyIdleMs: makeRulesMs,
        auth: 'required',
        signal: options.signal,
        read: async (response) =>
          validate(
            'makeRules',
            makeRulesDoneSchema,
            await readIcmeStream(response, {
              endpoint: 'makeRules',
              onProgress: options.onProgress,
            }),
          ),
      }),
    checkRelevance: ({ policyId, action, threshold }, options = {}) =>
      call({
        endpoint: 'checkRelevance',
        method: 'POST',
        path: '/checkRelevance',
        body: { policy_id: policyId, action, ...(threshold === undefined ? {} : { threshold }) },
        retry: 'safe',
        deadlineMs: requestMs,
        bodyIdleMs: requestMs,
        auth: 'required',
        signal: options.signal,
        read: (response) => readJson(response, 'checkRelevance', relevanceSchema),
      }),
    checkIt: ({ policyId, action }, options = {}) =>
      call({
        endpoint: 'checkIt',
        method: 'POST',
        path: '/checkIt',
        body: { policy_id: policyId, action },
        accept: 'text/event-stream',
        retry: 'unsent',
        deadlineMs: checkMs,
        bodyIdleMs: streamIdleMs,
        auth: 'required',
        signal: options.signal,
        read: options.onProgress
          ? (response) => readCheckIt(response, options.onProgress)
          : readCheckIt,
      }),
    getPolicy: async (policyId, options = {}) => {
      const policy = await getJson(
        'getPolicy',
        `/policy/${id(policyId)}`,
        compiledPolicySchema,
        'required',
        options,
      );
      return { ...policy, variables: policy.smt ? parseSmtVariables(policy.smt) : [] };
    },
    getProof: async (proofId, options = {}) => {
      try {
        const metadata = await getJson(
          'getProof',
          `/proof/${id(proofId)}`,
          proofMetadataSchema,
          'optional',
          options,
        );
        const pending = ['pending', 'processing', 'queued', 'running'];
        if (metadata.status && pending.includes(metadata.status.toLowerCase()))
          return { ready: false };
        return { ready: true, metadata };
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ICME_NOT_FOUND') return { ready: false };
        throw error;
      }
    },
    downloadProof: (proofId, options = {}) =>
      call({
        endpoint: 'downloadProof',
        method: 'GET',
        path: `/proof/${id(proofId)}/download`,
        accept: 'application/octet-stream',
        // Single use: once the server may have sent the bytes, a retry would hit 409.
        retry: 'unsent',
        deadlineMs: requestMs,
        bodyIdleMs: requestMs,
        auth: 'optional',
        signal: options.signal,
        read: (response) => readBytes(response, 'downloadProof'),
      }),
    verifyProof: (proofId, options = {}) =>
      call({
        endpoint: 'verifyProof',
        method: 'POST',
        path: '/verifyProof',
        body: { proof_id: proofId },
        retry: 'unsent',
        deadlineMs: requestMs,
        bodyIdleMs: requestMs,
        auth: 'optional',
        signal: options.signal,
        read: (response) => readJson(response, 'verifyProof', verifyProofSchema),
      }),
    me: (options = {}) => getJson('me', '/me', accountSchema, 'required', options),
  };
}
