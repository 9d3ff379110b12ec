// The default denial text lives in core (`formatDenial`); kept here under its adapter name.
export { formatDenial as formatBlockedMessage } from '@preflight/core';
export { blockedToolMessage } from './blocked-tool-message';
export type { CallScope } from './call-scope';
export {
  decisionRecord,
  type PreflightReceiptMetadata,
  type PreflightRecord,
  receiptMetadata,
} from './decision-record';
export { guardTool, guardTools } from './guard-tools';
export { type GuardableTool, GuardedTool, isGuardedTool } from './guarded-tool';
export { preflightMiddleware } from './preflight-middleware';
export type {
  CallInfo,
  GuardToolsOptions,
  PreflightMiddlewareOptions,
  PreflightOptions,
} from './preflight-options';
export { RECEIPT_METADATA_KEY } from './receipt-config';
export { CHECK_RUN_NAME, type CheckRunInput } from './traced-check';
