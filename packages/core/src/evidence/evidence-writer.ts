import { PreflightError } from '../errors';
import type { JwsSigner } from '../receipt/jws-signer';
import { createBatchCommitter, type EntryBuilder, type QueuedAppend } from './batch-committer';
import { createDeferredSync } from './deferred-sync';
import type { CommittedEntry } from './entry-batch';
import { resolveCodec } from './evidence-codec';
import type { EvidenceWriterOptions } from './evidence-writer-options';
import type { LogHead } from './log-head';

export type { EntryBuilder } from './batch-committer';
export type { CommittedEntry } from './entry-batch';
export type { Durability, EvidenceWriterOptions } from './evidence-writer-options';

/** Appends signed, chained entries to a store; see {@link createEvidenceWriter}. */
export interface EvidenceWriter {
  /** Appends the entries `build` returns; resolves with the last one once it is durable. */
  append(build: EntryBuilder): Promise<CommittedEntry>;
  /**
   * Signs a checkpoint of the current tree head (if it grew since the last one). Rejects once a
   * sync failed (`EVIDENCE_SYNC_FAILED`) or the writer is closed.
   */
  checkpoint(): Promise<void>;
  /** Rotates the signing key: a `key-rotated` entry signed by the old key names the new one. */
  rotateKey(reason?: string): Promise<CommittedEntry>;
  /** Commits pending entries, writes a final checkpoint and closes the store; later calls report the same outcome. */
  close(): Promise<void>;
  /** The head as of the last commit (`null` before the first). */
  readonly head: Readonly<LogHead> | null;
}

interface Pending extends QueuedAppend {
  resolve: (entry: CommittedEntry) => void;
  reject: (error: unknown) => void;
}

/**
 * The write side of the evidence log. Entries are queued, and one append at a time runs under the
 * store's lock: it catches up with lines other processes appended, assigns seq and prev, signs the
 * entries (in parallel: the chain links payload hashes, not signatures), appends them and, when
 * due, a signed checkpoint. A failed append rejects every entry in it and leaves the head as it was.
 */
export function createEvidenceWriter({
  store,
  keyRing,
  durability = 'fsync',
  maxBatch = 256,
  maxSyncDelayMs = 5,
  checkpointEvery = 1000,
  checkpointIntervalMs = 60_000,
  now = () => new Date(),
  createLogId = () => crypto.randomUUID(),
  ...codecOptions
}: EvidenceWriterOptions): EvidenceWriter {
  const codec = resolveCodec(codecOptions);
  const committer = createBatchCommitter({
    store,
    keyRing,
    checkpointEvery,
    checkpointIntervalMs,
    now,
    createLogId,
    codec,
  });
  const queue: Pending[] = [];
  let running = false;
  let scheduled = false;
  let closed = false;
  /** The first close(): later calls report its outcome instead of resolving. */
  let closing: Promise<void> | undefined;
  let checkpointWaiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  let checkpointTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set when the log can no longer be made durable: every later append rejects with it. */
  let failure: PreflightError | undefined;

  const fail = (cause: unknown): PreflightError => {
    failure ??= new PreflightError({
      code: 'EVIDENCE_SYNC_FAILED',
      message:
        'The evidence log could not be made durable (a sync failed): entries acknowledged since the last good sync may be lost, and no further entry is accepted. Check the disk and restart the recorder.',
      cause,
    });
    if (checkpointTimer) clearTimeout(checkpointTimer);
    checkpointTimer = undefined;
    return failure;
  };

  const deferred = createDeferredSync({
    sync: () => store.sync(),
    delayMs: maxSyncDelayMs,
    onFailure: fail,
  });

  const schedule = () => {
    if (running || scheduled || (queue.length === 0 && checkpointWaiters.length === 0)) return;
    scheduled = true;
    queueMicrotask(start);
  };

  function start(): void {
    scheduled = false;
    void run();
  }

  const run = async () => {
    running = true;
    // A rotation is its own batch: the entries after it must be signed by the new key.
    const rotationAt = queue.findIndex(isRotation);
    const take = rotationAt === 0 ? 1 : Math.min(maxBatch, rotationAt < 0 ? maxBatch : rotationAt);
    const batch = queue.splice(0, take);
    const waiters = checkpointWaiters;
    checkpointWaiters = [];
    try {
      if (failure) throw failure;
      // Synced before resolving even in group mode: a requested checkpoint is reported durable,
      // and a rotation lets the key ring destroy the old private key.
      const sync = durability === 'fsync' || waiters.length > 0 || batch[0]?.rotate !== undefined;
      const committed = await committer.commit(batch, waiters.length > 0, sync);
      // A deferred sync that failed while this append was in flight: its entries were written
      // after the last good sync and cannot be called durable either. Fail closed.
      if (failure) throw failure;
      if (!sync) deferred.written();
      for (let index = 0; index < batch.length; index++) {
        (batch[index] as Pending).resolve(committed[index] as CommittedEntry);
      }
      for (const waiter of waiters) waiter.resolve();
      const rotation = batch[0]?.rotate ? committed[0]?.entry : undefined;
      if (rotation?.kind === 'key-rotated') {
        // The successor is durably named: the old private key is no longer needed.
        await keyRing.retire(rotation.previousKeyId).catch(() => {});
      }
    } catch (cause) {
      const error = PreflightError.isInstance(cause)
        ? cause.code === 'EVIDENCE_SYNC_FAILED'
          ? fail(cause)
          : cause
        : new PreflightError({
            code: 'EVIDENCE_APPEND_FAILED',
            message: 'The evidence log append failed; the entry was not recorded.',
            cause,
          });
      for (const item of batch) item.reject(error);
      for (const waiter of waiters) waiter.reject(error);
    } finally {
      running = false;
      armCheckpointTimer();
      schedule();
    }
  };

  const armCheckpointTimer = () => {
    const head = committer.head;
    if (closed || failure || checkpointTimer || !head) return;
    if (head.size === (head.lastCheckpoint?.size ?? 0)) return;
    checkpointTimer = setTimeout(() => {
      checkpointTimer = undefined;
      writer.checkpoint().catch(() => {});
    }, checkpointIntervalMs);
    // The timer must not keep a finished process alive; close() writes the final checkpoint.
    (checkpointTimer as { unref?: () => void }).unref?.();
  };

  const enqueue = (build: EntryBuilder, rotate?: JwsSigner): Promise<CommittedEntry> => {
    if (failure) return Promise.reject(failure);
    if (closed) return Promise.reject(closedError());
    return new Promise<CommittedEntry>((resolve, reject) => {
      queue.push({ build, resolve, reject, rotate });
      schedule();
    });
  };

  const writer: EvidenceWriter = {
    append: (build) => enqueue(build),
    checkpoint() {
      if (failure) return Promise.reject(failure);
      if (closed) return Promise.reject(closedError());
      return new Promise<void>((resolve, reject) => {
        checkpointWaiters.push({ resolve, reject });
        schedule();
      });
    },
    async rotateKey(reason) {
      const successor = await keyRing.create();
      return enqueue(
        (state) => [
          {
            kind: 'key-rotated',
            previousKeyId: state.activeKeyId as string,
            publicKey: { ...successor.publicKey, kid: successor.keyId },
            ...(reason === undefined ? {} : { reason }),
          },
        ],
        successor,
      );
    },
    close() {
      closing ??= closeOnce();
      return closing;
    },
    get head() {
      return committer.head;
    },
  };

  async function closeOnce(): Promise<void> {
    let error: unknown;
    try {
      // The final checkpoint is a synced append: it also makes every earlier entry durable.
      if (!failure) await writer.checkpoint();
      await deferred.flush();
    } catch (cause) {
      error = cause;
    }
    // Even when the final checkpoint cannot be signed, stop writing and release the files.
    closed = true;
    if (checkpointTimer) clearTimeout(checkpointTimer);
    try {
      await store.close();
    } catch (cause) {
      error ??= cause;
    }
    // A failed sync is reported here too: the caller must not take the log for durable.
    if (failure) throw failure;
    if (error !== undefined) throw error;
  }
  return writer;
}

function closedError(): PreflightError {
  return new PreflightError({
    code: 'EVIDENCE_APPEND_FAILED',
    message: 'The evidence log is closed: nothing more can be appended or checkpointed.',
  });
}

function isRotation(item: Pending): boolean {
  return item.rotate !== undefined;
}
