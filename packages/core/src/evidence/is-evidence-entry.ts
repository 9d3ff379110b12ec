import type { EvidenceEntry } from './entry-schema';

/**
 * A lean structural check of a parsed payload against the v1 entry schema, for the verifier's
 * hot path: zod builds a copy and an issue list per entry, which made schema validation the
 * largest cost of verifying a log. It accepts only what `evidenceEntrySchema` accepts (a property
 * test checks that on generated and mutated entries); when it says no, the caller asks zod, which
 * stays the authority and words the error. Kinds that are rare in a log are left to zod.
 */
export function isEvidenceEntry(value: unknown): value is EvidenceEntry {
  // `value` is a JSON.parse result: no undefined members, no sparse arrays.
  if (!isObject(value)) return false;
  if (value.kind === 'decision') return isDecision(value);
  if (value.kind === 'outcome') return isOutcome(value);
  return false;
}

type Json = Record<string, unknown>;

const ENTRY_HASH = /^sha256:[0-9a-f]{64}$/;

const DECISION_KEYS = new Set([
  'version',
  'logId',
  'seq',
  'time',
  'prev',
  'kind',
  'receiptId',
  'session',
  'tool',
  'toolCallId',
  'action',
  'variables',
  'policy',
  'engines',
  'verdicts',
  'mode',
  'result',
  'allowed',
  'wouldAllow',
  'screenedOut',
  'reason',
  'code',
  'violations',
  'unknown',
  'wouldAllowWith',
  'decidedAt',
]);
const OUTCOME_KEYS = new Set([
  'version',
  'logId',
  'seq',
  'time',
  'prev',
  'kind',
  'receiptId',
  'receiptSeq',
  'receiptHash',
  'ran',
  'ok',
  'durationMs',
  'error',
]);
const RESULTS = new Set(['SAT', 'UNSAT', 'SATISFIABLE', 'ERROR']);
const PROVENANCES = new Set(['arg', 'context', 'session', 'derived']);
const ICME_KEYS = new Set(['checkId', 'proofId', 'proofUrl', 'policyId', 'result', 'detail']);
const SUB_RESULT_KEYS = new Set(['z3', 'ar', 'llm']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every own key is one of `allowed` (v1 objects are closed); presence is checked per field. */
function closed(value: Json, allowed: ReadonlySet<string>): boolean {
  for (const key of Object.keys(value)) if (!allowed.has(key)) return false;
  return true;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNonEmpty = (value: unknown) => typeof value === 'string' && value.length > 0;
const isNullableString = (value: unknown) => value === null || typeof value === 'string';
const isOptional = (value: unknown, check: (value: unknown) => boolean) =>
  value === undefined || check(value);
const isIndex = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const isStrings = (value: unknown) => Array.isArray(value) && value.every(isString);

/** The fields every entry carries (`version`, `logId`, `seq`, `time`, `prev`). */
function hasBase(value: Json): boolean {
  return (
    value.version === 'v1' &&
    isNonEmpty(value.logId) &&
    isIndex(value.seq) &&
    isNonEmpty(value.time) &&
    (value.prev === null || (isString(value.prev) && ENTRY_HASH.test(value.prev)))
  );
}

function isDecision(value: Json): boolean {
  if (!closed(value, DECISION_KEYS) || !hasBase(value)) return false;
  const action = value.action;
  const policy = value.policy;
  return (
    isNonEmpty(value.receiptId) &&
    isNullableString(value.session) &&
    isNullableString(value.tool) &&
    isNullableString(value.toolCallId) &&
    (action === null ||
      (isObject(action) &&
        closed(action, ACTION_KEYS) &&
        isString(action.digest) &&
        isString(action.argsDigest) &&
        isString(action.description))) &&
    isObject(value.variables) &&
    Object.values(value.variables).every(isVariable) &&
    isObject(policy) &&
    closed(policy, POLICY_KEYS) &&
    isString(policy.hash) &&
    isOptional(policy.icmePolicyId, isString) &&
    isStrings(value.engines) &&
    Array.isArray(value.verdicts) &&
    value.verdicts.every(isVerdict) &&
    (value.mode === 'enforce' || value.mode === 'shadow') &&
    RESULTS.has(value.result as string) &&
    typeof value.allowed === 'boolean' &&
    typeof value.wouldAllow === 'boolean' &&
    typeof value.screenedOut === 'boolean' &&
    isString(value.reason) &&
    isOptional(value.code, isString) &&
    Array.isArray(value.violations) &&
    value.violations.every(isViolation) &&
    isStrings(value.unknown) &&
    isOptional(value.wouldAllowWith, isStrings) &&
    isString(value.decidedAt)
  );
}

const ACTION_KEYS = new Set(['digest', 'argsDigest', 'description']);
const POLICY_KEYS = new Set(['hash', 'icmePolicyId']);
const VARIABLE_KEYS = new Set(['value', 'provenance', 'note']);
const VERDICT_KEYS = new Set(['engine', 'result', 'violations', 'unknown', 'reason', 'icme']);
const VIOLATION_KEYS = new Set(['id', 'text']);

function isVariable(value: unknown): boolean {
  if (!isObject(value) || !closed(value, VARIABLE_KEYS)) return false;
  const inner = value.value;
  return (
    (typeof inner === 'boolean' || typeof inner === 'string' || Number.isFinite(inner)) &&
    PROVENANCES.has(value.provenance as string) &&
    isOptional(value.note, isString)
  );
}

function isVerdict(value: unknown): boolean {
  return (
    isObject(value) &&
    closed(value, VERDICT_KEYS) &&
    isString(value.engine) &&
    RESULTS.has(value.result as string) &&
    Array.isArray(value.violations) &&
    value.violations.every(Number.isSafeInteger) &&
    isStrings(value.unknown) &&
    isOptional(value.reason, isString) &&
    isOptional(value.icme, isIcme)
  );
}

function isIcme(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const [key, field] of Object.entries(value)) {
    if (key === 'subResults') {
      if (!isObject(field)) return false;
      for (const [name, sub] of Object.entries(field)) {
        if (!SUB_RESULT_KEYS.has(name) || !isString(sub)) return false;
      }
    } else if (!ICME_KEYS.has(key) || !isString(field)) {
      return false;
    }
  }
  return true;
}

function isViolation(value: unknown): boolean {
  return (
    isObject(value) &&
    closed(value, VIOLATION_KEYS) &&
    Number.isSafeInteger(value.id) &&
    isString(value.text)
  );
}

function isOutcome(value: Json): boolean {
  return (
    closed(value, OUTCOME_KEYS) &&
    hasBase(value) &&
    isNonEmpty(value.receiptId) &&
    (value.receiptSeq === null || isIndex(value.receiptSeq)) &&
    (value.receiptHash === null ||
      (isString(value.receiptHash) && ENTRY_HASH.test(value.receiptHash))) &&
    typeof value.ran === 'boolean' &&
    typeof value.ok === 'boolean' &&
    isOptional(
      value.durationMs,
      (duration) => Number.isFinite(duration) && (duration as number) >= 0,
    ) &&
    isOptional(value.error, isString)
  );
}
