export { approvalArgsDigest } from './approval-args-digest';
export {
  APPROVAL_TOKEN_ALGORITHMS,
  APPROVAL_TOKEN_TYPE,
  type ApprovalClaims,
  approvalClaimsSchema,
  approverIdSchema,
} from './approval-claims';
export {
  type ApprovalRequest,
  type ApprovalRequestOptions,
  approvalRequestFor,
} from './approval-request-for';
export {
  type ApproverKeyPair,
  type ApproverPrivateJwk,
  approverKeyId,
  approverPrivateJwkSchema,
  generateApproverKeyPair,
  importApproverPrivateKey,
  parseApproverPrivateJwk,
  parseApproverPublicJwk,
  publicJwkOf,
} from './approver-keys';
export {
  createTokenVerifier,
  type TokenVerification,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './create-token-verifier';
export { createTrustStore, type TrustedApprover, type TrustStore } from './create-trust-store';
export { decodeApprovalClaims } from './decode-approval-claims';
export { type AddApproverOptions, addApprover, removeApprover } from './edit-trust-store';
export {
  DEFAULT_APPROVAL_TTL_SECONDS,
  type IssueApprovalTokenOptions,
  issueApprovalToken,
} from './issue-approval-token';
export { parseTrustStore } from './parse-trust-store';
export {
  createMemoryReplayStore,
  type MemoryReplayStoreOptions,
  type ReplayStore,
} from './replay-store';
export { type TokenFailureCode, tokenFailureCodes } from './token-failure';
export {
  type ApproverPublicJwk,
  approverPublicJwkSchema,
  emptyTrustStoreData,
  type TrustedApproverEntry,
  type TrustStoreData,
  trustedApproverEntrySchema,
  trustStoreDataSchema,
} from './trust-store-schema';
