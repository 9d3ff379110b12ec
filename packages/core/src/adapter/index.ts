// What every framework adapter needs from core and must not rebuild: the fail-closed decision
// for a guard that could not decide, the shape check of a guard's answer, a settle that never
// rejects, and the denial text a model reads.
export { describeError } from './describe-error';
export { type DenialFacts, formatDenial, permissionHint } from './format-denial';
export { type GuardFailureDecisionOptions, guardFailureDecision } from './guard-failure-decision';
export { isDecision } from './is-decision';
export { settleQuietly } from './settle-quietly';
