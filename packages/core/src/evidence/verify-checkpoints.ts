import { bytesToHex } from '@noble/hashes/utils';
import type { Ed25519BatchVerifier } from '../crypto/ed25519-batch';
import type { Checkpoint } from './checkpoint';
import { verifyConsistency } from './merkle-proof';
import type { MerkleTree } from './merkle-tree';
import { parseCheckpointLine } from './parse-checkpoint-line';
import { signingInput } from './signature-batches';
import type { EvidenceFailure, VerificationReport } from './verification-report';

/** From line index `index` on (the `log-created` or `key-rotated` entry), `keyId` signs. */
export interface KeyChange {
  index: number;
  keyId: string;
}

export interface CheckpointContext {
  logId: string | null;
  /** Key id -> public key `x` of every key the log introduced (`undefined`: invalid key). */
  keys: Map<string, Promise<string | undefined>>;
  /**
   * Where the active key changed, in log order. A checkpoint of `size` entries must be signed by
   * the key active after entry size-1; any other key the log introduced is refused, so a retired
   * key cannot vouch for entries signed after its rotation.
   */
  keyChanges: readonly KeyChange[];
  tree: MerkleTree;
  fail: (failure: EvidenceFailure) => void;
  verifySignatures: Ed25519BatchVerifier;
}

/** Checks every checkpoint: signature, log id, size, root, chain link and consistency. */
export async function verifyCheckpoints({
  checkpoints,
  hashes,
  ...context
}: CheckpointContext & { checkpoints: readonly string[]; hashes: string[] }): Promise<{
  latest: Checkpoint | null;
}> {
  const { tree, fail } = context;
  let latest: Checkpoint | null = null;
  for (let index = 0; index < checkpoints.length; index++) {
    const line = index + 1;
    const checkpoint = await checkSignedCheckpoint(checkpoints[index] as string, line, context);
    if (!checkpoint) continue;
    if (checkpoint.size > tree.size) {
      fail({
        code: 'TRUNCATED',
        seq: tree.size,
        line: null,
        checkpoint: line,
        message: `checkpoint ${line} (signed) covers ${checkpoint.size} entries but the log has ${tree.size}: entries ${tree.size}..${checkpoint.size - 1} were deleted from the end`,
      });
      continue;
    }
    if (bytesToHex(tree.root(checkpoint.size)) !== checkpoint.root) {
      fail({
        code: 'CHECKPOINT_ROOT',
        seq: null,
        line: null,
        checkpoint: line,
        message: `checkpoint ${line}: the Merkle root of entries 0..${checkpoint.size - 1} does not match the signed root (entries in that range were changed, or the checkpoint was swapped)`,
      });
      continue;
    }
    const last = checkpoint.size > 0 ? hashes[checkpoint.size - 1] : null;
    if (checkpoint.lastHash !== (last ?? null)) {
      fail({
        code: 'CHECKPOINT_CHAIN',
        seq: null,
        line: null,
        checkpoint: line,
        message: `checkpoint ${line}: lastHash does not match entry ${checkpoint.size - 1}`,
      });
      continue;
    }
    if (latest) {
      if (checkpoint.size < latest.size) {
        fail({
          code: 'CHECKPOINT_ORDER',
          seq: null,
          line: null,
          checkpoint: line,
          message: `checkpoint ${line} (size ${checkpoint.size}) comes after a checkpoint of size ${latest.size}: checkpoints were reordered or swapped`,
        });
        continue;
      }
      const proof = tree.consistencyProof(latest.size, checkpoint.size);
      if (
        !verifyConsistency(
          latest.size,
          checkpoint.size,
          proof,
          hexBytes(latest.root),
          hexBytes(checkpoint.root),
        )
      ) {
        fail({
          code: 'CHECKPOINT_CONSISTENCY',
          seq: null,
          line: null,
          checkpoint: line,
          message: `checkpoint ${line} is not consistent with the checkpoint before it`,
        });
        continue;
      }
    }
    latest = checkpoint;
  }
  return { latest };
}

async function checkSignedCheckpoint(
  text: string,
  line: number,
  { logId, keys, keyChanges, fail, verifySignatures }: CheckpointContext,
): Promise<Checkpoint | undefined> {
  const parsed = parseCheckpointLine(text);
  if (!parsed.ok) {
    fail({
      code: 'CHECKPOINT_MALFORMED',
      seq: null,
      line: null,
      checkpoint: line,
      message: `checkpoint ${line}: ${parsed.reason}`,
    });
    return undefined;
  }
  const { checkpoint, jws, header } = parsed.value;
  const key = keys.get(header.kid);
  if (!key || header.kid !== checkpoint.keyId) {
    fail({
      code: 'CHECKPOINT_KEY',
      seq: null,
      line: null,
      checkpoint: line,
      message: `checkpoint ${line} is signed by key ${header.kid}, which this log never introduced`,
    });
    return undefined;
  }
  const expected = keyActiveAfter(keyChanges, checkpoint.size);
  if (header.kid !== expected) {
    fail({
      code: 'CHECKPOINT_KEY',
      seq: null,
      line: null,
      checkpoint: line,
      message: `checkpoint ${line} (size ${checkpoint.size}) is signed by key ${header.kid}, but the key active after its last entry is ${expected ?? 'none'}: only that key signs it (a retired key cannot vouch for later entries)`,
    });
    return undefined;
  }
  const x = await key;
  const [verified] = x
    ? await verifySignatures([{ x, message: signingInput(jws), signature: jws.signature }])
    : [false];
  if (!verified) {
    fail({
      code: 'CHECKPOINT_SIGNATURE',
      seq: null,
      line: null,
      checkpoint: line,
      message: `checkpoint ${line} has an invalid signature: it was edited or forged`,
    });
    return undefined;
  }
  if (checkpoint.logId !== logId) {
    fail({
      code: 'CHECKPOINT_LOG_ID',
      seq: null,
      line: null,
      checkpoint: line,
      message: `checkpoint ${line} belongs to log ${checkpoint.logId}, not ${logId}`,
    });
    return undefined;
  }
  return checkpoint;
}

/** Checks that the log still extends a checkpoint the auditor kept. */
export async function verifyTrustedCheckpoint(
  text: string,
  { latest, ...context }: CheckpointContext & { latest: Checkpoint | null },
): Promise<VerificationReport['trustedCheckpoint']> {
  const failuresBefore: EvidenceFailure[] = [];
  const checkpoint = await checkSignedCheckpoint(text, 0, {
    ...context,
    fail: (f) => failuresBefore.push(f),
  });
  const report = (consistent: boolean, message?: string) => {
    if (!consistent) {
      context.fail({
        code: 'TRUSTED_CHECKPOINT',
        seq: null,
        line: null,
        message:
          message ??
          failuresBefore[0]?.message.replace('checkpoint 0', 'the trusted checkpoint') ??
          'the trusted checkpoint does not verify',
      });
    }
    return { size: checkpoint?.size ?? 0, root: checkpoint?.root ?? '', consistent };
  };
  if (!checkpoint) return report(false);
  const { tree } = context;
  if (checkpoint.size > tree.size) {
    return report(
      false,
      `the trusted checkpoint covers ${checkpoint.size} entries but the log has only ${tree.size}: the log was truncated`,
    );
  }
  const target = latest && latest.size >= checkpoint.size ? latest.size : tree.size;
  const proof = tree.consistencyProof(checkpoint.size, target);
  const consistent = verifyConsistency(
    checkpoint.size,
    target,
    proof,
    hexBytes(checkpoint.root),
    tree.root(target),
  );
  return report(
    consistent,
    `the log no longer extends the trusted checkpoint of size ${checkpoint.size}: entries before it were rewritten`,
  );
}

/**
 * The key the writer signs a checkpoint of `size` entries with: the one active after entry
 * size-1 (a checkpoint written in the same append as a rotation is signed by the new key). Past
 * the end of the log, the last active key; `undefined` for size 0 or a log without keys.
 */
function keyActiveAfter(changes: readonly KeyChange[], size: number): string | undefined {
  let keyId: string | undefined;
  for (const change of changes) {
    if (change.index > size - 1) break;
    keyId = change.keyId;
  }
  return keyId;
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}
