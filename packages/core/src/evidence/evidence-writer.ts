import { PreflightError } from '../errors';
import type { JwsSigner } from '../receipt/jws-signer';
import { signCheckpoint } from './checkpoint';
import { createDeferredSync } from './deferred-sync';
import { type CommittedEntry, EntryBatch } from './entry-batch';
import type { EntryBody } from './entry-schema';
import { resolveCodec } from './evidence-codec';
import type { EvidenceWriterOptions } from './evidence-writer-options';
import {
  applyCheckpointLine,
  applyEntryLine,
  cloneLogHead,
  emptyLogHead,
  type LogHead,
} from './log-head';
import { formatEntryLine } from './parse-entry-line';

export type { CommittedEntry } from './entry-batch';
export type { Durability, EvidenceWriterOptions } from './evidence-writer-options';

/** Produces the bodies of one logical append from the current head (evaluated under the lock). */
export type EntryBuilder = (head: Readonly<LogHead>) => EntryBody[];

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

interface Pending {
  build: EntryBuilder;
  resolve: (entry: CommittedEntry) => void;
  reject: (error: unknown) => void;
  rotate: JwsSigner | undefined;
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
  const { sha256 } = codec;
  const queue: Pending[] = [];
  let head: LogHead | null = null;
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
      const committed = await commit(batch, waiters.length > 0, sync);
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

  const commit = async (
    batch: Pending[],
    forceCheckpoint: boolean,
    sync: boolean,
  ): Promise<CommittedEntry[]> => {
    let next: LogHead | undefined;
    let results: CommittedEntry[] = [];
    await store.append(
      async (update) => {
        const state = cloneLogHead(head ?? emptyLogHead());
        next = state;
        for (const line of update.entries) applyEntryLine(state, line, codec);
        for (const line of update.checkpoints) applyCheckpointLine(state, line);
        const entries = new EntryBatch(state, now().toISOString(), sha256);
        let signer: JwsSigner;
        if (state.size === 0) {
          // Closing or checkpointing a log that never got an entry leaves it empty.
          if (batch.length === 0 && update.quarantined.length === 0) {
            return { entries: [], checkpoints: [] };
          }
          signer = await keyRing.initial();
          state.logId = createLogId();
          entries.add(
            { kind: 'log-created', publicKey: { ...signer.publicKey, kid: signer.keyId } },
            signer,
          );
        } else {
          signer = await signerFor(state.activeKeyId as string);
        }
        for (const tail of update.quarantined) {
          entries.add(
            { kind: 'tail-quarantined', ...tail, reason: 'torn tail after a crash mid-append' },
            signer,
          );
        }
        // The last entry each queued append produced: what its caller gets back.
        const ends: number[] = [];
        for (const item of batch) {
          for (const body of item.build(state)) entries.add(body, signer);
          if (item.rotate) signer = item.rotate;
          ends.push(entries.length - 1);
        }
        const sealed = await entries.seal();
        const checkpoints = checkpointDue(state, forceCheckpoint)
          ? [formatEntryLine((await signCheckpointFor(state, signer)).jws)]
          : [];
        results = ends.map((end) => sealed.committed[end] as CommittedEntry);
        return { entries: sealed.lines, checkpoints };
      },
      { sync },
    );
    head = next as LogHead;
    return results;
  };

  /** The active key's signer, kept: asking the ring costs a few awaits on every append. */
  let lastSigner: JwsSigner | undefined;
  const signerFor = async (keyId: string): Promise<JwsSigner> => {
    if (lastSigner?.keyId === keyId) return lastSigner;
    const signer = await keyRing.signer(keyId);
    if (!signer) {
      throw new PreflightError({
        code: 'KEY_INVALID',
        message: `The evidence log is signed with key ${keyId}, whose private key is not available here.`,
        details: { keyId },
      });
    }
    lastSigner = signer;
    return signer;
  };

  const checkpointDue = (state: LogHead, force: boolean): boolean => {
    const covered = state.lastCheckpoint?.size ?? 0;
    if (state.size === 0 || state.size === covered) return false;
    if (force || state.size - covered >= checkpointEvery) return true;
    const last = state.lastCheckpoint ? Date.parse(state.lastCheckpoint.time) : Number.NaN;
    return Number.isFinite(last) && now().getTime() - last >= checkpointIntervalMs;
  };

  const signCheckpointFor = async (state: LogHead, signer: JwsSigner) => {
    const time = now().toISOString();
    const signed = await signCheckpoint({
      signer,
      logId: state.logId as string,
      size: state.size,
      root: state.frontier.root(),
      lastHash: state.lastHash,
      time,
    });
    state.lastCheckpoint = { size: state.size, time };
    return signed;
  };

  const armCheckpointTimer = () => {
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
      return head;
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
