import type { Decision, DecisionRecorder, GuardMode, Outcome, ReceiptRef } from '../guard/types';
import type { PolicyIR } from '../policy/ir';
import { buildDecisionReceipt } from '../receipt/build-decision-receipt';
import { parseFlattenedJws } from '../receipt/jws-envelope';
import { entryHash } from './entry-hash';
import { prepareEntryBody } from './entry-json';
import type { EntryBody } from './entry-schema';
import { type EvidenceCodec, resolveCodec } from './evidence-codec';
import type { EvidenceStore } from './evidence-store';
import {
  type CommittedEntry,
  createEvidenceWriter,
  type EvidenceWriter,
  type EvidenceWriterOptions,
} from './evidence-writer';

/** A policy version as announced to the log. */
export interface PolicyActivation {
  policy: PolicyIR;
  /** The policy version hash the guard puts on every decision (`Decision.policyHash`). */
  policyHash: string;
  /** The plain-English policy text, for the auditor's bundle. */
  text?: string;
  /** ICME's id for the same policy (from makeRules). */
  icmePolicyId?: string;
  name?: string;
}

/**
 * The guard's `DecisionRecorder` backed by the evidence log, plus the control-plane events that
 * belong in the same log. Every method resolves once its entry is durable and rejects otherwise.
 */
export interface EvidenceRecorder extends DecisionRecorder {
  /** Write-ahead receipt; announces the decision's policy first if the log has not seen it. */
  recordDecision(decision: Decision, context: { policy: PolicyIR }): Promise<ReceiptRef>;
  /** Outcome entry linked to the receipt: whether the tool ran, succeeded, how long it took. */
  recordOutcome(decision: Decision, outcome: Outcome): Promise<void>;
  recordPolicyActivated(activation: PolicyActivation): Promise<CommittedEntry>;
  recordModeChange(change: {
    mode: GuardMode;
    previousMode?: GuardMode;
    reason?: string;
  }): Promise<CommittedEntry>;
  /** Engine configuration (never secrets: pass names, URLs, thresholds, not API keys). */
  recordEngineConfiguration(
    engine: string,
    configuration: Record<string, unknown>,
  ): Promise<CommittedEntry>;
  rotateKey(reason?: string): Promise<CommittedEntry>;
  checkpoint(): Promise<void>;
  /** Keeps downloaded ICME proof bytes next to the receipts (for the auditor's bundle). */
  storeProof(proofId: string, bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  readonly writer: EvidenceWriter;
}

/** Receipts remembered for linking outcomes when the decision carries no envelope. */
const RECENT_RECEIPTS = 10_000;
/** Policy versions whose prepared announcement is kept (a process runs one or a few). */
const ANNOUNCEMENTS = 16;

/**
 * Creates an evidence recorder over any store and key ring. For files on disk use
 * `createEvidenceRecorder({ dir })` from `@preflight/core/node`.
 *
 * @example
 * const recorder = createEvidenceLogRecorder({ store: createMemoryEvidenceStore(), keyRing: createMemoryKeyRing() });
 * const ref = await recorder.recordDecision(decision, { policy });
 */
export function createEvidenceLogRecorder(options: EvidenceWriterOptions): EvidenceRecorder {
  const writer = createEvidenceWriter(options);
  const codec = resolveCodec(options);
  const store: EvidenceStore = options.store;
  /** The announcement of each policy version decisions were recorded under, prepared once. */
  const announcements = new Map<string, EntryBody>();
  const recent = new Map<string, { seq: number; hash: string }>();

  const remember = (id: string, committed: CommittedEntry) => {
    recent.set(id, { seq: committed.seq, hash: committed.hash });
    if (recent.size > RECENT_RECEIPTS) recent.delete(recent.keys().next().value as string);
  };

  const policyBody = (activation: PolicyActivation): EntryBody => ({
    kind: 'policy-activated',
    policyHash: activation.policyHash,
    ir: activation.policy,
    ...(activation.text === undefined ? {} : { text: activation.text }),
    ...(activation.icmePolicyId === undefined ? {} : { icmePolicyId: activation.icmePolicyId }),
    ...(activation.name === undefined ? {} : { name: activation.name }),
  });

  // Bodies are canonicalised before queueing so that a value JSON cannot carry (NaN, a Date)
  // rejects only its own call, never the group it would have been committed with; the writer
  // reuses that work instead of canonicalising the entry again.
  const checked = prepareEntryBody;

  return {
    writer,
    async recordDecision(decision, { policy }) {
      const receipt = checked(buildDecisionReceipt(decision));
      const policyHash = decision.policyHash;
      // The IR is canonicalised once per policy version, not on every decision.
      let announce = announcements.get(policyHash);
      if (announce === undefined) {
        announce = checked(policyBody({ policy, policyHash }));
        if (announcements.size >= ANNOUNCEMENTS) {
          announcements.delete(announcements.keys().next().value as string);
        }
        announcements.set(policyHash, announce);
      }
      const body = announce;
      const committed = await writer.append((head) =>
        head.policies.has(policyHash) ? [receipt] : [body, receipt],
      );
      remember(decision.id, committed);
      return { id: decision.id, seq: committed.seq, envelope: committed.jws };
    },
    async recordOutcome(decision, outcome) {
      const receiptId = decision.receipt?.id ?? decision.id;
      // The link this recorder remembers for the same receipt saves decoding and hashing it.
      const remembered = recent.get(receiptId);
      const link =
        remembered && remembered.seq === decision.receipt?.seq
          ? remembered
          : (linkFromEnvelope(decision.receipt, codec) ?? remembered);
      const body = checked({
        kind: 'outcome' as const,
        receiptId,
        receiptSeq: decision.receipt?.seq ?? link?.seq ?? null,
        receiptHash: link?.hash ?? null,
        ran: outcome.ran,
        ok: outcome.ok,
        ...(typeof outcome.durationMs === 'number' &&
        Number.isFinite(outcome.durationMs) &&
        outcome.durationMs >= 0
          ? { durationMs: outcome.durationMs }
          : {}),
        ...(outcome.error === undefined ? {} : { error: String(outcome.error) }),
      });
      await writer.append(() => [body]);
    },
    recordPolicyActivated(activation) {
      const body = checked(policyBody(activation));
      return writer.append(() => [body]);
    },
    recordModeChange({ mode, previousMode, reason }) {
      const body = checked({
        kind: 'mode-changed' as const,
        mode,
        ...(previousMode === undefined ? {} : { previousMode }),
        ...(reason === undefined ? {} : { reason }),
      });
      return writer.append(() => [body]);
    },
    recordEngineConfiguration(engine, configuration) {
      const body = checked({ kind: 'engine-configured' as const, engine, configuration });
      return writer.append(() => [body]);
    },
    rotateKey: (reason) => writer.rotateKey(reason),
    checkpoint: () => writer.checkpoint(),
    storeProof: (proofId, bytes) => store.storeProof(proofId, bytes),
    close: () => writer.close(),
  };
}

function linkFromEnvelope(
  receipt: ReceiptRef | undefined,
  { sha256, decodeBase64Url }: Required<EvidenceCodec>,
): { seq: number; hash: string } | undefined {
  const jws = parseFlattenedJws(receipt?.envelope);
  const payload = jws && decodeBase64Url(jws.payload);
  if (!payload || receipt?.seq === undefined) return undefined;
  return { seq: receipt.seq, hash: entryHash(payload, sha256) };
}
