export {
  type CompareExtractionOptions,
  compareExtraction,
  type ExtractionMismatch,
} from './compare-extraction';
export { type ConcurrencyLimiter, createConcurrencyLimiter } from './concurrency-limiter';
export { createIcmeEngine, type IcmeEngineOptions } from './create-icme-engine';
export {
  createDecisionCache,
  type DecisionCache,
  type DecisionCacheOptions,
} from './decision-cache';
export {
  type ExpectedExtraction,
  type ExpectedExtractionOptions,
  expectedExtraction,
  type UnverifiableVariable,
} from './expected-extraction';
export { createFetchTransport } from './fetch-transport';
export {
  createIcmeClient,
  ICME_DEFAULT_BASE_URL,
  ICME_USER_AGENT,
  type IcmeCallOptions,
  type IcmeClient,
  type IcmeClientOptions,
  type IcmeCompiledPolicy,
  type IcmeStreamCallOptions,
  type IcmeTimeouts,
  type ProofStatus,
} from './icme-client';
export type {
  CheckItResult,
  IcmeAccount,
  MakeRulesResult,
  ProofMetadata,
  RelevanceResult,
  VerifyProofResult,
} from './icme-schemas';
export type {
  FetchLike,
  IcmeAbortNotice,
  IcmeTransport,
  IcmeTransportRequest,
  IcmeTransportResponse,
} from './icme-transport';
export { matchIcmeVariableNames } from './icme-variable-names';
export { type IcmeDecision, type IcmeLayer, mapCheckResult } from './map-check-result';
export { matchEnumLiteral } from './match-enum-literal';
export { type IcmeVariable, parseSmtVariables } from './parse-smt-variables';
export {
  createProofCollector,
  type ProofCollectionStatus,
  type ProofCollector,
  type ProofCollectorOptions,
  type StoreProof,
} from './proof-collector';
export { type IcmeProgress, readIcmeStream } from './read-icme-stream';
export type { IcmeRetryOptions } from './retry-delay';
export {
  type RewriteVariableLinesOptions,
  type RewrittenDescription,
  rewriteVariableLines,
  type UnmatchedEnumValue,
} from './rewrite-variable-lines';
