/**
 * Every error code PreFlight raises. Codes are stable and never reused; add new ones at the end
 * of their group. Documented in docs/architecture.md.
 */
export const errorCodes = [
  // policy text and IR
  'POLICY_EMPTY',
  'POLICY_TOO_LARGE',
  'POLICY_RULE_UNPARSEABLE',
  'POLICY_RULE_DUPLICATE',
  'POLICY_RULE_CONTRADICTION',
  'POLICY_NUMBERING',
  'POLICY_IR_INVALID',
  'POLICY_LIST_MISSING',
  // evaluation
  'EVALUATION_VARIABLE_UNKNOWN',
  'EVALUATION_VALUE_INVALID',
  // actions and tool calls
  'ACTION_ARGS_INVALID',
  'ACTION_TOO_LARGE',
  'ACTION_MAPPING_FAILED',
  // guard
  'GUARD_CONFIG_INVALID',
  'GUARD_SELF_TEST_FAILED',
  'GUARD_INTERNAL',
  'ENGINE_ERROR',
  'DECISION_RECORD_FAILED',
  // ICME API
  'ICME_UNAUTHORIZED',
  'ICME_INSUFFICIENT_CREDITS',
  'ICME_NOT_FOUND',
  'ICME_CONFLICT',
  'ICME_RATE_LIMITED',
  'ICME_SERVER',
  'ICME_TIMEOUT',
  'ICME_PROTOCOL',
  'ICME_NETWORK',
  'ICME_ABORTED',
  'ICME_BAD_REQUEST',
  'ICME_EXTRACTION_MISMATCH',
  // receipts, evidence, crypto
  'RECEIPT_INVALID',
  'SIGNATURE_INVALID',
  'KEY_INVALID',
  'EVIDENCE_APPEND_FAILED',
  'EVIDENCE_CORRUPT',
  'EVIDENCE_LOCKED',
  'EVIDENCE_VERIFY_FAILED',
  'EVIDENCE_SYNC_FAILED',
  // approvals
  'TOKEN_INVALID',
  'TRUST_STORE_INVALID',
  // CLI input
  'INPUT_INVALID',
  'FILE_NOT_FOUND',
] as const;

export type PreflightErrorCode = (typeof errorCodes)[number];
