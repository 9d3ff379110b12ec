import { join } from 'node:path';
import { createEvidenceLogRecorder, type EvidenceRecorder } from '../evidence/evidence-recorder';
import type { EvidenceWriterOptions } from '../evidence/evidence-writer';
import type { EvidenceLockOptions } from './evidence-file-lock';
import { createFileEvidenceStore, evidenceFiles } from './file-evidence-store';
import { createFileKeyRing } from './file-key-ring';
import { nodeEvidenceCodec } from './node-evidence-codec';

/** The default evidence directory, relative to the working directory. */
export const DEFAULT_EVIDENCE_DIR = '.preflight/evidence';

export interface CreateEvidenceRecorderOptions
  extends Omit<EvidenceWriterOptions, 'store' | 'keyRing'>,
    EvidenceLockOptions {
  /**
   * The evidence directory. The app or CLI passes it in (e.g. from `PREFLIGHT_EVIDENCE_DIR`).
   * @default '.preflight/evidence'
   */
  dir?: string;
  /**
   * Where the signing keys live. Put them outside the evidence directory in production, so a
   * copy of the evidence never carries the private key. @default `<dir>/keys`
   */
  keyDir?: string;
}

/**
 * The evidence recorder for Node: files under `dir`, keys under `keyDir`, `durability` 'fsync'
 * by default (a receipt is on disk before its tool runs; `'group'` acknowledges once the entry
 * is written and syncs within `maxSyncDelayMs`). Implements the guard's `DecisionRecorder`
 * (write-ahead receipts) plus the control-plane events. Call `close()` at shutdown for a final
 * signed checkpoint and sync.
 *
 * @example
 * const recorder = createEvidenceRecorder({ dir: process.env.PREFLIGHT_EVIDENCE_DIR ?? DEFAULT_EVIDENCE_DIR });
 * const guard = createGuard({ ..., recorder });
 */
export function createEvidenceRecorder({
  dir = DEFAULT_EVIDENCE_DIR,
  keyDir,
  timeoutMs,
  staleMs,
  ...writerOptions
}: CreateEvidenceRecorderOptions = {}): EvidenceRecorder {
  const store = createFileEvidenceStore({
    dir,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(staleMs === undefined ? {} : { staleMs }),
  });
  const keyRing = createFileKeyRing({ dir: keyDir ?? join(dir, evidenceFiles.keys) });
  return createEvidenceLogRecorder({ store, keyRing, ...nodeEvidenceCodec, ...writerOptions });
}
