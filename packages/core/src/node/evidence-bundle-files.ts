import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Ed25519BatchVerifier } from '../crypto/ed25519-batch';
import { PreflightError } from '../errors';
import { buildEvidenceBundle } from '../evidence/build-evidence-bundle';
import type { VerificationReport } from '../evidence/verification-report';
import { verifyEvidence } from '../evidence/verify-evidence';
import { verifyEvidenceBundle } from '../evidence/verify-evidence-bundle';
import { createEvidenceRecorder } from './create-evidence-recorder';
import { createFileEvidenceStore, evidenceFiles } from './file-evidence-store';
import { createNodeEd25519Verifier } from './node-ed25519-verifier';
import { nodeEvidenceCodec } from './node-evidence-codec';

/** A log read from an evidence directory, with any torn tail left out and reported. */
export interface EvidenceDirectoryContents {
  entries: string[];
  checkpoints: string[];
  /** Bytes after the last whole entry (an interrupted append, quarantined by the next writer). */
  tornTailBytes: number;
}

/** Reads an evidence directory's log and checkpoints without writing anything. */
export async function readEvidenceDirectory(dir: string): Promise<EvidenceDirectoryContents> {
  const logPath = join(dir, evidenceFiles.log);
  if (!existsSync(logPath)) {
    throw new PreflightError({
      code: 'FILE_NOT_FOUND',
      message: `No evidence log at ${logPath}.`,
      details: { path: logPath },
    });
  }
  const log = await readFile(logPath);
  const end = log.lastIndexOf(0x0a) + 1;
  const checkpoints = await readFile(join(dir, evidenceFiles.checkpoints)).catch(() =>
    Buffer.alloc(0),
  );
  return {
    entries: wholeLines(log, end),
    checkpoints: wholeLines(checkpoints, checkpoints.lastIndexOf(0x0a) + 1),
    tornTailBytes: log.length - end,
  };
}

/** Bytes decoded per step: large enough to be cheap, far below V8's ~512 MiB string limit. */
const CHUNK = 16 * 1024 * 1024;

/**
 * The non-empty lines of `bytes[0, end)`, decoded a chunk of whole lines at a time, so that a
 * log of any size reads without building one string of its full length.
 */
function wholeLines(bytes: Buffer, end: number): string[] {
  const lines: string[] = [];
  for (let start = 0; start < end; ) {
    // Cut after the last newline in the chunk (a line longer than the chunk is taken whole).
    let stop = start + CHUNK >= end ? end : bytes.lastIndexOf(0x0a, start + CHUNK - 1) + 1;
    if (stop <= start) stop = bytes.indexOf(0x0a, start) + 1 || end;
    for (const line of bytes.toString('utf8', start, stop).split('\n')) {
      if (line.length > 0) lines.push(line);
    }
    start = stop;
  }
  return lines;
}

export interface VerifyEvidencePathOptions {
  trustedKeyIds?: string[];
  signatures?: 'all' | 'uncovered';
  trustedCheckpoint?: string;
  onProgress?: (done: number, total: number) => void;
}

/** Verifies an evidence directory or an exported bundle (it has a manifest.json), offline. */
export async function verifyEvidencePath(
  path: string,
  options: VerifyEvidencePathOptions = {},
): Promise<VerificationReport & { source: 'directory' | 'bundle' }> {
  const verifier = createNodeEd25519Verifier();
  try {
    return await verifyPath(path, options, verifier.verify);
  } finally {
    await verifier.close();
  }
}

async function verifyPath(
  path: string,
  options: VerifyEvidencePathOptions,
  verifySignatures: Ed25519BatchVerifier,
): Promise<VerificationReport & { source: 'directory' | 'bundle' }> {
  if (existsSync(join(path, 'manifest.json'))) {
    const readBundleFile = async (relative: string) => {
      const full = resolve(path, relative);
      if (!full.startsWith(resolve(path))) return undefined;
      return readFile(full)
        .then((bytes) => new Uint8Array(bytes))
        .catch(() => undefined);
    };
    return {
      ...(await verifyEvidenceBundle({
        readFile: readBundleFile,
        ...nodeEvidenceCodec,
        verifySignatures,
        ...options,
      })),
      source: 'bundle',
    };
  }
  const contents = await readEvidenceDirectory(path);
  const report = await verifyEvidence({
    entries: contents.entries,
    checkpoints: contents.checkpoints,
    ...nodeEvidenceCodec,
    verifySignatures,
    ...options,
  });
  if (contents.tornTailBytes > 0) {
    report.warnings.unshift(
      `${contents.tornTailBytes} bytes after the last whole entry: an append was interrupted (crash). The next writer moves them to quarantine/ and records that in the log.`,
    );
  }
  return { ...report, source: 'directory' };
}

export interface ExportEvidenceBundleOptions {
  /** The evidence directory. */
  dir: string;
  /** Where to write the bundle (created). */
  out: string;
  since?: string | null;
  until?: string | null;
  /** Sign a checkpoint over uncovered entries first, if the signing key is here. @default true */
  checkpoint?: boolean;
  onProgress?: (phase: 'verify' | 'bundle', done: number, total: number) => void;
}

/** Exports the auditor's bundle from an evidence directory and returns the verification. */
export async function exportEvidenceBundle({
  dir,
  out,
  since = null,
  until = null,
  checkpoint = true,
  onProgress,
}: ExportEvidenceBundleOptions): Promise<{
  verification: VerificationReport;
  files: number;
  warnings: string[];
}> {
  const warnings: string[] = [];
  let contents = await readEvidenceDirectory(dir);
  if (checkpoint && contents.entries.length > 0 && existsSync(join(dir, evidenceFiles.keys))) {
    const recorder = createEvidenceRecorder({ dir });
    try {
      await recorder.close();
      contents = await readEvidenceDirectory(dir);
    } catch (error) {
      warnings.push(
        `No fresh checkpoint was signed (${error instanceof Error ? error.message : String(error)}); entries after the last checkpoint have no inclusion proof.`,
      );
    }
  }
  const verifier = createNodeEd25519Verifier();
  const verification = await verifyEvidence({
    entries: contents.entries,
    checkpoints: contents.checkpoints,
    ...nodeEvidenceCodec,
    verifySignatures: verifier.verify,
    onProgress: (done, total) => onProgress?.('verify', done, total),
  }).finally(() => verifier.close());
  const store = createFileEvidenceStore({ dir });
  const proofs = new Map<string, Uint8Array>();
  for (const id of await store.listProofs()) {
    const bytes = await store.readProof(id);
    if (bytes) proofs.set(id, bytes);
  }
  await store.close();
  const files = buildEvidenceBundle({
    ...contents,
    verification,
    proofs,
    since,
    until,
    ...nodeEvidenceCodec,
    onProgress: (done, total) => onProgress?.('bundle', done, total),
  });
  for (const file of files) {
    const target = join(out, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
  return { verification, files: files.length, warnings };
}
