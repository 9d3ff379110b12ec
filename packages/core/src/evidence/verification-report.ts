import type { DecisionResult } from '../guard/types';
import type { Checkpoint } from './checkpoint';

/** What kind of damage a verification failure is. Stable: tools branch on it. */
export type EvidenceFailureCode =
  | 'ENTRY_MALFORMED'
  | 'LOG_START'
  | 'SEQUENCE'
  | 'CHAIN'
  | 'LOG_ID'
  | 'KEY'
  | 'UNTRUSTED_KEY'
  | 'SIGNATURE'
  | 'TRUNCATED'
  | 'CHECKPOINT_MALFORMED'
  | 'CHECKPOINT_KEY'
  | 'CHECKPOINT_SIGNATURE'
  | 'CHECKPOINT_LOG_ID'
  | 'CHECKPOINT_ROOT'
  | 'CHECKPOINT_CHAIN'
  | 'CHECKPOINT_ORDER'
  | 'CHECKPOINT_CONSISTENCY'
  | 'TRUSTED_CHECKPOINT'
  | 'BUNDLE_MANIFEST'
  | 'BUNDLE_FILE'
  | 'BUNDLE_RECEIPT';

export interface EvidenceFailure {
  code: EvidenceFailureCode;
  /** The first entry the failure concerns (`null` when only a checkpoint is at fault). */
  seq: number | null;
  /** 1-based line in the log file, when the failure is about a line. */
  line: number | null;
  /** 1-based line in the checkpoints file, for checkpoint failures. */
  checkpoint?: number;
  message: string;
}

export interface VerificationReport {
  ok: boolean;
  logId: string | null;
  entries: number;
  checkpoints: number;
  entriesByKind: Record<string, number>;
  decisions: {
    total: number;
    byResult: Record<DecisionResult, number>;
    allowed: number;
    blocked: number;
    screenedOut: number;
    shadow: number;
  };
  outcomes: { total: number; ran: number; failed: number; notRun: number };
  timeSpan: { first: string | null; last: string | null };
  /** Every signing key the log introduced, in order. */
  keys: Array<{ keyId: string; introducedAtSeq: number }>;
  signaturesVerified: number;
  /** Entries whose own signature was not checked because a verified checkpoint covers them
   * (`signatures: 'uncovered'`, the default); 0 with `signatures: 'all'`. */
  signaturesCoveredByCheckpoint: number;
  latestCheckpoint: Checkpoint | null;
  /** Entries after the latest checkpoint: truncating them would go unnoticed until the next one. */
  uncoveredEntries: number;
  /** Set when a trusted (earlier) checkpoint was given: whether the log still extends it. */
  trustedCheckpoint?: { size: number; root: string; consistent: boolean };
  /** The first failure in log order: the first bad entry, or the bad checkpoint. */
  failure: EvidenceFailure | null;
  failures: EvidenceFailure[];
  warnings: string[];
  /** Set when a bundle was verified: its manifest, files and receipt inclusion proofs. */
  bundle?: { files: number; receipts: number; proofFiles: number };
}
