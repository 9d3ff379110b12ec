import { PreflightError } from '../errors';
import type { JwsSigner } from '../receipt/jws-signer';
import { signCheckpoint } from './checkpoint';
import { type CommittedEntry, EntryBatch } from './entry-batch';
import type { EntryBody } from './entry-schema';
import type { EvidenceCodec } from './evidence-codec';
import type { EvidenceWriterOptions } from './evidence-writer-options';
import {
  applyCheckpointLine,
  applyEntryLine,
  cloneLogHead,
  emptyLogHead,
  type LogHead,
} from './log-head';
import { formatEntryLine } from './parse-entry-line';

/** Produces the bodies of one logical append from the current head (evaluated under the lock). */
export type EntryBuilder = (head: Readonly<LogHead>) => EntryBody[];

/** One queued append as a commit sees it. */
export interface QueuedAppend {
  build: EntryBuilder;
  rotate: JwsSigner | undefined;
}

/** Options of {@link createBatchCommitter}: the writer's options, with its defaults applied. */
export type BatchCommitterOptions = Required<
  Pick<
    EvidenceWriterOptions,
    'store' | 'keyRing' | 'checkpointEvery' | 'checkpointIntervalMs' | 'now' | 'createLogId'
  >
> & { codec: Required<EvidenceCodec> };

/** The commit side of the evidence writer; see {@link createBatchCommitter}. */
export interface BatchCommitter {
  /**
   * Appends one batch under the store's lock, with a checkpoint when due (or `forceCheckpoint`);
   * resolves with the last entry each queued append produced.
   */
  commit(
    batch: readonly QueuedAppend[],
    forceCheckpoint: boolean,
    sync: boolean,
  ): Promise<CommittedEntry[]>;
  /** The head as of the last commit (`null` before the first). */
  readonly head: LogHead | null;
}

/**
 * One append of the evidence writer at a time: under the store's lock it catches up with lines
 * other processes appended, assigns seq and prev, signs the entries, appends them and, when due,
 * a signed checkpoint. The head moves only once the store has taken the append.
 */
export function createBatchCommitter({
  store,
  keyRing,
  checkpointEvery,
  checkpointIntervalMs,
  now,
  createLogId,
  codec,
}: BatchCommitterOptions): BatchCommitter {
  const { sha256 } = codec;
  let head: LogHead | null = null;

  const commit = async (
    batch: readonly QueuedAppend[],
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

  return {
    commit,
    get head() {
      return head;
    },
  };
}
