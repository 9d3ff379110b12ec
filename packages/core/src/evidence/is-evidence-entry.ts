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
const RESULTS = new Set(['SAT', 'UNSAT', 'SATISFIABLE', 'ERROR']);
const PROVENANCES = new Set(['arg', 'context', 'session', 'derived']);
const ICME_KEYS = new Set(['checkId', 'proofId', 'proofUrl', 'policyId', 'result', 'detail']);
const SUB_RESULT_KEYS = new Set(['z3', 'ar', 'llm']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * v1 objects are closed. Each check below reads every field the schema names, so the required
 * ones are known to be present (no name used here exists on Object.prototype); the object then
 * has no other member exactly when its own key count is the required count plus the optional
 * members present. No key list is scanned or allocated per member.
 */
function sized(value: Json, required: number, ...optional: unknown[]): boolean {
  let expected = required;
  for (const member of optional) if (member !== undefined) expected++;
  return Object.keys(value).length === expected;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNonEmpty = (value: unknown) => typeof value === 'string' && value.length > 0;
const isNullableString = (value: unknown) => value === null || typeof value === 'string';
const isOptional = (value: unknown, check: (value: unknown) => boolean) =>
  value === undefined || check(value);
const isIndex = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const isStrings = (value: unknown) => Array.isArray(value) && value.every(isString);

/** The fields every entry carries (`version`, `logId`, `seq`, `time`, `prev`, `kind`). */
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
  const action = value.action;
  const policy = value.policy;
  return (
    // 6 base fields and 18 required receipt fields; `code`, `wouldAllowWith` and `approvals`
    // are optional.
    sized(value, 24, value.code, value.wouldAllowWith, value.approvals) &&
    hasBase(value) &&
    isNonEmpty(value.receiptId) &&
    isNullableString(value.session) &&
    isNullableString(value.tool) &&
    isNullableString(value.toolCallId) &&
    (action === null ||
      (isObject(action) &&
        isString(action.digest) &&
        isString(action.argsDigest) &&
        isString(action.description) &&
        sized(action, 3))) &&
    isObject(value.variables) &&
    Object.values(value.variables).every(isVariable) &&
    isObject(policy) &&
    isString(policy.hash) &&
    isOptional(policy.icmePolicyId, isString) &&
    sized(policy, 1, policy.icmePolicyId) &&
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
    isOptional(
      value.approvals,
      (approvals) => Array.isArray(approvals) && approvals.every(isApproval),
    ) &&
    isString(value.decidedAt)
  );
}

function isApproval(value: unknown): boolean {
  if (!isObject(value)) return false;
  return (
    isString(value.variable) &&
    typeof value.ok === 'boolean' &&
    isOptional(value.tokenId, isString) &&
    isOptional(value.approverId, isString) &&
    isOptional(value.reason, isString) &&
    sized(value, 2, value.tokenId, value.approverId, value.reason)
  );
}

function isVariable(value: unknown): boolean {
  if (!isObject(value)) return false;
  const inner = value.value;
  return (
    (typeof inner === 'boolean' || typeof inner === 'string' || Number.isFinite(inner)) &&
    PROVENANCES.has(value.provenance as string) &&
    isOptional(value.note, isString) &&
    sized(value, 2, value.note)
  );
}

function isVerdict(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value.engine) &&
    RESULTS.has(value.result as string) &&
    Array.isArray(value.violations) &&
    value.violations.every(Number.isSafeInteger) &&
    isStrings(value.unknown) &&
    isOptional(value.reason, isString) &&
    isOptional(value.icme, isIcme) &&
    sized(value, 4, value.reason, value.icme)
  );
}

function isIcme(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (key === 'subResults') {
      if (!isObject(field)) return false;
      for (const name of Object.keys(field)) {
        if (!SUB_RESULT_KEYS.has(name) || !isString(field[name])) return false;
      }
    } else if (!ICME_KEYS.has(key) || !isString(field)) {
      return false;
    }
  }
  return true;
}

function isViolation(value: unknown): boolean {
  return (
    isObject(value) && Number.isSafeInteger(value.id) && isString(value.text) && sized(value, 2)
  );
}

function isOutcome(value: Json): boolean {
  return (
    // 6 base fields and 5 required outcome fields; `durationMs` and `error` are optional.
    sized(value, 11, value.durationMs, value.error) &&
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
