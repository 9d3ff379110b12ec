import { hexToBytes } from '@noble/hashes/utils';
import { sha256Hex } from '../crypto/digest';
import type { Ed25519BatchVerifier } from '../crypto/ed25519-batch';
import { parseFlattenedJws, toCompactJws } from '../receipt/jws-envelope';
import type { EvidenceCodec } from './evidence-codec';
import { verifyInclusion } from './merkle-proof';
import { parseEntryLine } from './parse-entry-line';
import type { EvidenceFailure, VerificationReport } from './verification-report';
import { verifyEvidence } from './verify-evidence';

export interface VerifyEvidenceBundleOptions extends EvidenceCodec {
  /** Reads a bundle file by its relative path; `undefined` when it is missing. */
  readFile: (path: string) => Promise<Uint8Array | undefined>;
  /** See `verifyEvidence`. @default [] */
  trustedKeyIds?: readonly string[];
  /** See `verifyEvidence`. */
  trustedCheckpoint?: string;
  /** See `verifyEvidence`. @default 'uncovered' */
  signatures?: 'all' | 'uncovered';
  /** See `verifyEvidence`. @default createWebCryptoEd25519Verifier() */
  verifySignatures?: Ed25519BatchVerifier;
  onProgress?: (done: number, total: number) => void;
}

const decoder = new TextDecoder();
const linesOf = (bytes: Uint8Array | undefined) =>
  bytes
    ? decoder
        .decode(bytes)
        .split('\n')
        .filter((line) => line.length > 0)
    : [];

/**
 * Verifies an auditor's bundle offline: the full log and checkpoints it carries (as
 * `verifyEvidence`), every file against the manifest's SHA-256, and every exported receipt
 * against the log line it claims to be and its Merkle inclusion proof to the signed checkpoint.
 */
export async function verifyEvidenceBundle({
  readFile,
  trustedKeyIds = [],
  trustedCheckpoint,
  signatures = 'uncovered',
  verifySignatures,
  onProgress,
  ...codec
}: VerifyEvidenceBundleOptions): Promise<VerificationReport> {
  const entries = linesOf(await readFile('6-verification/log.jsonl'));
  const report = await verifyEvidence({
    entries,
    checkpoints: linesOf(await readFile('6-verification/checkpoints.jsonl')),
    trustedKeyIds,
    signatures,
    ...(trustedCheckpoint === undefined ? {} : { trustedCheckpoint }),
    ...(onProgress ? { onProgress } : {}),
    ...codec,
    ...(verifySignatures ? { verifySignatures } : {}),
  });
  const failures: EvidenceFailure[] = [];
  const fail = (code: EvidenceFailure['code'], message: string, seq: number | null = null) =>
    failures.push({ code, seq, line: null, message });
  let manifest: { files?: Array<{ path: string; sha256: string }> } | undefined;
  try {
    manifest = JSON.parse(decoder.decode((await readFile('manifest.json')) ?? new Uint8Array()));
  } catch {
    fail('BUNDLE_MANIFEST', 'manifest.json is missing or not JSON');
  }
  const files = Array.isArray(manifest?.files) ? manifest.files : [];
  let proofFiles = 0;
  for (const file of files) {
    const bytes = await readFile(file.path);
    if (!bytes) fail('BUNDLE_FILE', `${file.path} is listed in the manifest but missing`);
    else if (sha256Hex(bytes) !== file.sha256)
      fail(
        'BUNDLE_FILE',
        `${file.path} does not match its SHA-256 in the manifest: it was changed`,
      );
    if (file.path.startsWith('5-receipts/proofs/')) proofFiles++;
  }
  const latest = report.latestCheckpoint;
  const receipts = linesOf(await readFile('5-receipts/receipts.jsonl'));
  for (const [index, line] of receipts.entries()) {
    const where = `5-receipts/receipts.jsonl line ${index + 1}`;
    let record: {
      seq?: number;
      jws?: unknown;
      inclusionProof?: { treeSize: number; leafIndex: number; hashes: string[] } | null;
    };
    try {
      record = JSON.parse(line);
    } catch {
      fail('BUNDLE_RECEIPT', `${where} is not JSON`);
      continue;
    }
    const jws = parseFlattenedJws(record.jws);
    const seq = typeof record.seq === 'number' ? record.seq : -1;
    const logLine = entries[seq];
    const inLog = logLine === undefined ? undefined : parseEntryLine(logLine, codec);
    if (!jws || !inLog?.ok || toCompactJws(inLog.value.jws) !== toCompactJws(jws)) {
      fail(
        'BUNDLE_RECEIPT',
        `${where} (seq ${seq}) is not the receipt at that position in the log`,
        seq >= 0 ? seq : null,
      );
      continue;
    }
    const proof = record.inclusionProof;
    if (proof && latest) {
      const ok =
        proof.treeSize === latest.size &&
        proof.leafIndex === seq &&
        verifyInclusion(
          seq,
          proof.treeSize,
          inLog.value.leaf,
          proof.hashes.map((hash) => hexToBytes(hash)),
          hexToBytes(latest.root),
        );
      if (!ok)
        fail(
          'BUNDLE_RECEIPT',
          `${where} (seq ${seq}): its inclusion proof does not lead to the signed checkpoint root`,
          seq,
        );
    }
  }
  const all = [...report.failures, ...failures];
  return {
    ...report,
    ok: all.length === 0,
    failures: all,
    failure: report.failure ?? failures[0] ?? null,
    bundle: { files: files.length, receipts: receipts.length, proofFiles },
  };
}
