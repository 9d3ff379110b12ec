import { ed25519KeyId, importEd25519VerifyKey } from '../crypto/ed25519';
import { createWebCryptoEd25519Verifier, type Ed25519BatchVerifier } from '../crypto/ed25519-batch';
import type { JwsHeader } from '../receipt/jws-envelope';
import type { EvidenceEntry } from './entry-schema';
import { type EvidenceCodec, resolveCodec } from './evidence-codec';
import { EvidenceStats } from './evidence-stats';
import { MerkleTree } from './merkle-tree';
import { parseEntryLine } from './parse-entry-line';
import { type EntrySignature, SignatureBatches } from './signature-batches';
import type { EvidenceFailure, VerificationReport } from './verification-report';
import { type KeyChange, verifyCheckpoints, verifyTrustedCheckpoint } from './verify-checkpoints';

/** Options of {@link verifyEvidence}; on Node spread `nodeEvidenceCodec` in for native hashing. */
export interface VerifyEvidenceOptions extends EvidenceCodec {
  /** The log's lines, in file order. */
  entries: readonly string[];
  /** The checkpoint lines, in file order. @default [] */
  checkpoints?: readonly string[];
  /**
   * Key ids (RFC 7638 thumbprints) you obtained out of band. The log's first key must be one of
   * them. @default [] (trust on first use: the report lists the key ids to compare)
   */
  trustedKeyIds?: readonly string[];
  /** A checkpoint line you kept from an earlier verification: the log must still extend it. */
  trustedCheckpoint?: string;
  /**
   * Checks Ed25519 signatures in batches. On Node pass the native one
   * (`createNodeEd25519Verifier().verify` from `@preflight/core/node`): several times faster.
   * @default createWebCryptoEd25519Verifier()
   */
  verifySignatures?: Ed25519BatchVerifier;
  /** Entry signatures handed to `verifySignatures` at once. @default 2048 */
  batchSize?: number;
  /**
   * `'uncovered'`: verify key entries, every checkpoint, the chain and the Merkle tree, and the
   * signatures of entries after the latest verified checkpoint; entries under it are
   * authenticated by the checkpoint's signature over their Merkle root, whose leaves are the
   * entries' whole JWS including their own signatures (falls back to `'all'` on any failure).
   * `'all'`: also verify every entry's own signature (what a receipt shown on its own needs; one
   * Ed25519 verification per entry bounds the speed). @default 'uncovered'
   */
  signatures?: 'all' | 'uncovered';
  /** Called as entries are processed, for progress bars. */
  onProgress?: (done: number, total: number) => void;
}

const MAX_FAILURES = 100;

/**
 * Verifies an evidence log offline: the sequence, the hash chain, the key history, every
 * checkpoint's signature and Merkle root, consistency between checkpoints, and entry signatures
 * (those after the latest checkpoint, or all of them: see `signatures`).
 * Pure (no I/O) and never throws: every problem is a failure in the report, and `failure` names
 * the first bad entry.
 */
export async function verifyEvidence({
  entries,
  checkpoints = [],
  trustedKeyIds = [],
  trustedCheckpoint,
  verifySignatures = createWebCryptoEd25519Verifier(),
  batchSize = 2048,
  signatures = 'uncovered',
  onProgress,
  ...codec
}: VerifyEvidenceOptions): Promise<VerificationReport> {
  const failures: EvidenceFailure[] = [];
  const fail = (failure: EvidenceFailure) => failures.push(failure);
  const warnings: string[] = [];
  const stats = new EvidenceStats();
  // One header cache and one resolved codec for every line of the log.
  const options = { headers: new Map<string, JwsHeader | undefined>(), ...resolveCodec(codec) };
  /** Key id -> its public key `x`, once the key is known to be valid with that thumbprint. */
  const keys = new Map<string, Promise<string | undefined>>();
  const keyList: VerificationReport['keys'] = [];
  const leaves: Uint8Array[] = [];
  const hashes: string[] = [];
  let expectedSeq = 0;
  let prev: string | null = null;
  let logId: string | null = null;
  let activeKeyId: string | null = null;
  const keyChanges: KeyChange[] = [];
  let lastTime = '';
  let signaturesVerified = 0;
  let signaturesCovered = 0;
  const deferred: EntrySignature[] = [];
  const pending: Array<Promise<unknown>> = [];
  const batches = new SignatureBatches({
    verify: verifySignatures,
    keyOf: async (kid) => keys.get(kid),
    batchSize,
    maxInFlight: 4,
    onVerified: () => {
      signaturesVerified++;
    },
    onInvalid: ({ seq, line }) =>
      fail({
        code: 'SIGNATURE',
        seq,
        line,
        message: `entry ${seq} (line ${line}) has an invalid signature: it was edited or forged`,
      }),
    onSettled: (line) => onProgress?.(line, entries.length),
  });

  const introduceKey = (
    entry: EvidenceEntry & { publicKey: { kid: string; x: string } },
    line: number,
  ) => {
    const { kid, x } = entry.publicKey;
    const jwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x };
    const valid = ed25519KeyId(jwk)
      .then(async (thumbprint) =>
        thumbprint === kid && (await importEd25519VerifyKey(jwk)) ? x : undefined,
      )
      .catch(() => undefined);
    keys.set(kid, valid);
    keyList.push({ keyId: kid, introducedAtSeq: entry.seq });
    pending.push(
      valid.then((ok) => {
        if (!ok) {
          fail({
            code: 'KEY',
            seq: entry.seq,
            line,
            message: `entry ${entry.seq} introduces key ${kid}, which is not a valid Ed25519 key with that thumbprint`,
          });
        }
      }),
    );
  };

  for (let index = 0; index < entries.length; index++) {
    const line = index + 1;
    const parsed = parseEntryLine(entries[index] as string, options);
    if (!parsed.ok) {
      fail({
        code: 'ENTRY_MALFORMED',
        seq: expectedSeq,
        line,
        message: `line ${line} (expected seq ${expectedSeq}): ${parsed.reason}`,
      });
      leaves.push(new Uint8Array(32));
      hashes.push('');
      expectedSeq++;
      prev = null;
      continue;
    }
    const { entry, header, hash, leaf, jws } = parsed.value;
    leaves.push(leaf);
    hashes.push(hash);
    if (entry.seq !== expectedSeq) {
      const message =
        entry.seq > expectedSeq
          ? `line ${line} holds seq ${entry.seq} where seq ${expectedSeq} belongs: ${entry.seq - expectedSeq} entr${entry.seq - expectedSeq === 1 ? 'y was' : 'ies were'} deleted`
          : `line ${line} holds seq ${entry.seq} again after seq ${expectedSeq - 1}: entries were reordered or inserted`;
      fail({ code: 'SEQUENCE', seq: Math.min(entry.seq, expectedSeq), line, message });
    } else if (index > 0 && prev !== null && entry.prev !== prev) {
      fail({
        code: 'CHAIN',
        seq: entry.seq,
        line,
        message: `entry ${entry.seq} does not link to entry ${entry.seq - 1} (its prev hash differs): an earlier entry was changed, or this one was inserted`,
      });
    }
    expectedSeq = entry.seq + 1;
    prev = hash;
    if (index === 0) {
      if (entry.kind !== 'log-created' || entry.seq !== 0 || entry.prev !== null) {
        fail({
          code: 'LOG_START',
          seq: entry.seq,
          line,
          message:
            'the log does not start with its log-created entry: its beginning was deleted or replaced',
        });
      }
      logId = entry.logId;
    } else if (entry.logId !== logId) {
      fail({
        code: 'LOG_ID',
        seq: entry.seq,
        line,
        message: `entry ${entry.seq} belongs to log ${entry.logId}, not ${logId}: it was copied from another log`,
      });
    }
    if (entry.kind === 'log-created') {
      if (index !== 0) {
        fail({
          code: 'LOG_START',
          seq: entry.seq,
          line,
          message: `entry ${entry.seq} claims to start a new log in the middle of this one`,
        });
      } else {
        introduceKey(entry, line);
        activeKeyId = entry.publicKey.kid;
        keyChanges.push({ index, keyId: activeKeyId });
        if (trustedKeyIds.length > 0 && !trustedKeyIds.includes(activeKeyId)) {
          fail({
            code: 'UNTRUSTED_KEY',
            seq: 0,
            line,
            message: `the log is signed by key ${activeKeyId}, which is not one of the trusted keys`,
          });
        }
      }
    }
    if (header.kid !== activeKeyId) {
      fail({
        code: 'KEY',
        seq: entry.seq,
        line,
        message: `entry ${entry.seq} is signed by key ${header.kid}, but the active key is ${activeKeyId}`,
      });
    } else {
      const check = { seq: entry.seq, line, kid: header.kid, jws };
      // Key entries are always checked: they decide which key signs the checkpoints.
      if (signatures === 'all' || entry.kind === 'log-created' || entry.kind === 'key-rotated') {
        const full = batches.add(check);
        if (full) await full;
      } else {
        deferred.push(check);
      }
    }
    if (entry.kind === 'key-rotated') {
      if (entry.previousKeyId !== activeKeyId) {
        fail({
          code: 'KEY',
          seq: entry.seq,
          line,
          message: `entry ${entry.seq} rotates away from ${entry.previousKeyId}, but the active key is ${activeKeyId}`,
        });
      }
      introduceKey(entry, line);
      activeKeyId = entry.publicKey.kid;
      keyChanges.push({ index, keyId: activeKeyId });
    }
    if (entry.time < lastTime)
      warnings.push(
        `entry ${entry.seq} is timestamped before entry ${entry.seq - 1} (clock skew between writers?)`,
      );
    lastTime = entry.time > lastTime ? entry.time : lastTime;
    stats.add(entry);
    if (signatures === 'uncovered' && line % batchSize === 0) onProgress?.(line, entries.length);
  }
  await batches.done();
  await Promise.all(pending);
  onProgress?.(entries.length, entries.length);

  const tree = new MerkleTree(leaves, options.sha256);
  const failuresBeforeCheckpoints = failures.length;
  const context = { logId, keys, keyChanges, tree, fail, verifySignatures };
  const checked = await verifyCheckpoints({ ...context, checkpoints, hashes });
  // 'uncovered': a verified checkpoint signs the Merkle root over every covered entry's whole JWS,
  // so those entries are authenticated by it; only entries after it need their own signature.
  // Any failure so far voids that shortcut, and every signature is checked.
  const clean = failures.length === failuresBeforeCheckpoints && failuresBeforeCheckpoints === 0;
  const covered = clean ? (checked.latest?.size ?? 0) : 0;
  for (const check of deferred) {
    if (check.seq < covered) {
      signaturesCovered++;
      continue;
    }
    const full = batches.add(check);
    if (full) await full;
  }
  await batches.done();
  let trusted: VerificationReport['trustedCheckpoint'];
  if (trustedCheckpoint !== undefined) {
    trusted = await verifyTrustedCheckpoint(trustedCheckpoint, {
      ...context,
      latest: checked.latest,
    });
  }
  failures.sort(compareFailures);
  const latest = checked.latest;
  return {
    ok: failures.length === 0,
    logId,
    entries: entries.length,
    checkpoints: checkpoints.length,
    ...stats.summary(),
    keys: keyList,
    signaturesVerified,
    signaturesCoveredByCheckpoint: signaturesCovered,
    latestCheckpoint: latest,
    uncoveredEntries: Math.max(0, entries.length - (latest?.size ?? 0)),
    ...(trusted ? { trustedCheckpoint: trusted } : {}),
    failure: failures[0] ?? null,
    failures: failures.slice(0, MAX_FAILURES),
    warnings: warnings.slice(0, MAX_FAILURES),
  };
}

// Log order: by entry, then by line; failures about checkpoints only come last.
function compareFailures(a: EvidenceFailure, b: EvidenceFailure): number {
  const rank = (value: number | null | undefined) => value ?? Number.MAX_SAFE_INTEGER;
  return rank(a.seq) - rank(b.seq) || rank(a.line) - rank(b.line);
}
