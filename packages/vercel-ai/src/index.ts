export { guardOf, guardTools } from './guard-tools';
export type {
  GuardableTool,
  GuardedCallInfo,
  GuardedDecisionEvent,
  GuardToolsOptions,
  GuardWarning,
  GuardWarningCode,
} from './guard-tools-options';
export {
  type PolicyApprovalFunction,
  type PolicyApprovalOptions,
  type PolicyApprovalRequest,
  type PolicyApprovalStatus,
  policyApproval,
} from './policy-approval';
export {
  type BlockedToolOutput,
  isBlockedOutput,
  isReceiptedOutput,
  PREFLIGHT_OUTPUT_KEY,
  type PreflightReceipt,
  type ReceiptedToolOutput,
  readPreflightReceipt,
} from './preflight-output';
export { decisionAttributes, spanNames } from './span-receipt';
