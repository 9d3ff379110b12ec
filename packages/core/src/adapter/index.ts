// What every framework adapter needs from core and must not rebuild: the fail-closed decision
// for a guard that could not decide, the shape check of a guard's answer, a settle that never
// rejects, the denial text a model reads, the one-time copy of a tool input the tool runs with,
// and the deadline on the app's own option functions.
export { describeError } from './describe-error';
export { type DenialFacts, formatDenial, permissionHint } from './format-denial';
export { type GuardFailureDecisionOptions, guardFailureDecision } from './guard-failure-decision';
export { isDecision } from './is-decision';
export { AdapterTimeoutError, resolveWithinDeadline } from './resolve-within-deadline';
export { settleQuietly } from './settle-quietly';
export { type InputSnapshot, snapshotInput } from './snapshot-input';
