import type { EvidenceEntry } from './entry-schema';
import type { ParsedEntryLine } from './parse-entry-line';

type Entry<K extends EvidenceEntry['kind']> = Extract<EvidenceEntry, { kind: K }>;

/** One policy version as the bundle lists it (item 1). */
export interface PolicyVersion {
  version: number;
  seq: number;
  activatedAt: string;
  /** When the next version was activated (`null`: still active at the end of the log). */
  supersededAt: string | null;
  policyHash: string;
  icmePolicyId: string | null;
  name: string | null;
  /** The text as supplied, else the numbered rules from the IR (`textSource` says which). */
  text: string;
  textSource: 'supplied' | 'rules-from-ir' | 'none';
  ruleCount: number | null;
  file: string;
}

/** Policy versions in activation order, each with its text (item 1). */
export function policyVersions(parsed: readonly ParsedEntryLine[]): PolicyVersion[] {
  const activations = parsed
    .map((line) => line.entry)
    .filter((entry): entry is Entry<'policy-activated'> => entry.kind === 'policy-activated');
  return activations.map((entry, index) => {
    const rules = rulesOf(entry.ir);
    const text = entry.text ?? rules?.map((rule) => `${rule.id}. ${rule.text}`).join('\n') ?? '';
    return {
      version: index + 1,
      seq: entry.seq,
      activatedAt: entry.time,
      supersededAt: activations[index + 1]?.time ?? null,
      policyHash: entry.policyHash,
      icmePolicyId: entry.icmePolicyId ?? null,
      name: entry.name ?? null,
      text,
      textSource: entry.text !== undefined ? 'supplied' : rules ? 'rules-from-ir' : 'none',
      ruleCount: rules?.length ?? null,
      file: `1-policy/policy-v${index + 1}.txt`,
    };
  });
}

function rulesOf(ir: unknown): Array<{ id: number; text: string }> | undefined {
  const rules = (ir as { rules?: unknown } | undefined)?.rules;
  if (!Array.isArray(rules)) return undefined;
  return rules.filter(
    (rule): rule is { id: number; text: string } =>
      typeof rule?.id === 'number' && typeof rule?.text === 'string',
  );
}

/** Relevance screening log (item 2): every decision, in scope or screened out. */
export function screeningRecord(entry: Entry<'decision'>) {
  return {
    seq: entry.seq,
    time: entry.time,
    receiptId: entry.receiptId,
    session: entry.session,
    tool: entry.tool,
    inScope: !entry.screenedOut,
    result: entry.result,
    reason: entry.reason,
  };
}

/** In-scope action description (item 3) with its variables and their provenance. */
export function actionRecord(entry: Entry<'decision'>) {
  return {
    seq: entry.seq,
    time: entry.time,
    receiptId: entry.receiptId,
    session: entry.session,
    tool: entry.tool,
    toolCallId: entry.toolCallId,
    actionDigest: entry.action?.digest ?? null,
    description: entry.action?.description ?? null,
    variables: entry.variables,
  };
}

/** SAT/UNSAT result (item 4), joined with what happened afterwards. */
export function resultRecord(entry: Entry<'decision'>, outcome: Entry<'outcome'> | undefined) {
  return {
    seq: entry.seq,
    time: entry.time,
    receiptId: entry.receiptId,
    tool: entry.tool,
    policyHash: entry.policy.hash,
    mode: entry.mode,
    result: entry.result,
    allowed: entry.allowed,
    wouldAllow: entry.wouldAllow,
    code: entry.code ?? null,
    violations: entry.violations,
    unknown: entry.unknown,
    engines: entry.verdicts.map((verdict) => ({
      engine: verdict.engine,
      result: verdict.result,
      violations: verdict.violations,
      ...(verdict.icme ? { icme: verdict.icme } : {}),
    })),
    outcome: outcome
      ? {
          seq: outcome.seq,
          ran: outcome.ran,
          ok: outcome.ok,
          durationMs: outcome.durationMs ?? null,
        }
      : null,
  };
}

/** ICME proof references of a receipt (item 5). */
export function proofReferences(entry: Entry<'decision'>) {
  return entry.verdicts.flatMap((verdict) =>
    verdict.icme?.proofId || verdict.icme?.checkId
      ? [
          {
            seq: entry.seq,
            receiptId: entry.receiptId,
            engine: verdict.engine,
            checkId: verdict.icme.checkId ?? null,
            proofId: verdict.icme.proofId ?? null,
            proofUrl: verdict.icme.proofUrl ?? null,
            z3Result: verdict.icme.subResults?.z3 ?? null,
          },
        ]
      : [],
  );
}
