import { PreflightError } from '../errors';
import { type FlattenedJws, jwsTypes } from '../receipt/jws-envelope';
import type { JwsSigner } from '../receipt/jws-signer';
import { signCheckpoint } from './checkpoint';
import { entryHash } from './entry-hash';
import { entryJson } from './entry-json';
import type { EntryBody, EvidenceEntry } from './entry-schema';
import { type EvidenceCodec, resolveCodec } from './evidence-codec';
import type { EvidenceStore } from './evidence-store';
import {
  applyCheckpointLine,
  applyEntry,
  applyEntryLine,
  cloneLogHead,
  emptyLogHead,
  type LogHead,
} from './log-head';
import { jwsLeafHash } from './merkle-hash';
import { formatEntryLine } from './parse-entry-line';
import type { SigningKeyRing } from './signing-key-ring';

/** How an append is made durable before it resolves. */
export type Durability = 'fsync' | 'group';

/** Options of {@link createEvidenceWriter}; the codec hashes entries (Node: `nodeEvidenceCodec`). */
export interface EvidenceWriterOptions extends EvidenceCodec {
  store: EvidenceStore;
  keyRing: SigningKeyRing;
  /**
   * `'fsync'`: every entry is its own locked, synced append. `'group'`: entries that arrive while
   * an append is in flight are committed together by the next one (one sync for all), so the wait
   * is bounded by one append. Both resolve only after the store made the entry durable.
   * @default 'group'
   */
  durability?: Durability;
  /** Most entries in one group commit. @default 256 */
  maxBatch?: number;
  /** Extra time a group waits for company before committing (0: commit at once). @default 0 */
  groupWindowMs?: number;
  /** Sign a checkpoint once this many entries are not covered by one. @default 1000 */
  checkpointEvery?: number;
  /** Sign a checkpoint this long after the first uncovered entry, even when idle. @default 60000 */
  checkpointIntervalMs?: number;
  /** Clock for entry and checkpoint times. @default () => new Date() */
  now?: () => Date;
  /** Id for a new log (its first entry). @default crypto.randomUUID */
  createLogId?: () => string;
}

/** An entry as committed: its position, hash and signed envelope. */
export interface CommittedEntry {
  seq: number;
  hash: string;
  jws: FlattenedJws;
  entry: EvidenceEntry;
}

/** Produces the bodies of one logical append from the current head (evaluated under the lock). */
export type EntryBuilder = (head: Readonly<LogHead>) => EntryBody[];

/** Appends signed, chained entries to a store; see {@link createEvidenceWriter}. */
export interface EvidenceWriter {
  /** Appends the entries `build` returns; resolves with the last one once it is durable. */
  append(build: EntryBuilder): Promise<CommittedEntry>;
  /** Signs a checkpoint of the current tree head (if it grew since the last one). */
  checkpoint(): Promise<void>;
  /** Rotates the signing key: a `key-rotated` entry signed by the old key names the new one. */
  rotateKey(reason?: string): Promise<CommittedEntry>;
  /** Commits pending entries, writes a final checkpoint and closes the store. */
  close(): Promise<void>;
  /** The head as of the last commit (`null` before the first). */
  readonly head: Readonly<LogHead> | null;
}

interface Pending {
  build: EntryBuilder;
  resolve: (entry: CommittedEntry) => void;
  reject: (error: unknown) => void;
  rotate?: JwsSigner;
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
  durability = 'group',
  maxBatch = 256,
  groupWindowMs = 0,
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
  let checkpointWaiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  let checkpointTimer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    if (running || scheduled || (queue.length === 0 && checkpointWaiters.length === 0)) return;
    scheduled = true;
    const start = () => {
      scheduled = false;
      void run();
    };
    if (durability === 'group' && groupWindowMs > 0) setTimeout(start, groupWindowMs);
    else queueMicrotask(start);
  };

  const run = async () => {
    running = true;
    const limit = durability === 'fsync' ? 1 : maxBatch;
    // A rotation is its own batch: the entries after it must be signed by the new key.
    const rotationAt = queue.findIndex((item) => item.rotate);
    const take = rotationAt === 0 ? 1 : Math.min(limit, rotationAt < 0 ? limit : rotationAt);
    const batch = queue.splice(0, take);
    const waiters = checkpointWaiters;
    checkpointWaiters = [];
    try {
      const committed = await commit(batch, waiters.length > 0);
      for (const [index, item] of batch.entries()) {
        item.resolve(committed[index] as CommittedEntry);
      }
      for (const waiter of waiters) waiter.resolve();
      for (const { entry } of committed) {
        // The successor is durably named: the old private key is no longer needed.
        if (entry.kind === 'key-rotated') await keyRing.retire(entry.previousKeyId).catch(() => {});
      }
    } catch (cause) {
      const error = PreflightError.isInstance(cause)
        ? cause
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

  const commit = async (batch: Pending[], forceCheckpoint: boolean): Promise<CommittedEntry[]> => {
    const results: CommittedEntry[] = [];
    let next: LogHead | undefined;
    await store.append(async (update) => {
      next = cloneLogHead(head ?? emptyLogHead());
      for (const line of update.entries) applyEntryLine(next, line, codec);
      for (const line of update.checkpoints) applyCheckpointLine(next, line);
      const prepared: Array<{
        signer: JwsSigner;
        json: string;
        entry: EvidenceEntry;
        hash: string;
      }> = [];
      let signer: JwsSigner;
      const time = now().toISOString();
      const add = (body: EntryBody, by: JwsSigner) => {
        const state = next as LogHead;
        const base = {
          version: 'v1',
          logId: state.logId,
          seq: state.size,
          time,
          prev: state.lastHash,
        };
        const entry = { ...base, ...body } as EvidenceEntry;
        // Canonical JSON, from the body's members canonicalised when it was queued.
        const json = entryJson(base, body);
        const hash = entryHash(json, sha256);
        applyEntry(state, entry, hash);
        prepared.push({ signer: by, json, entry, hash });
      };
      if (next.size === 0) {
        // Closing or checkpointing a log that never got an entry leaves it empty.
        if (batch.length === 0 && update.quarantined.length === 0) {
          return { entries: [], checkpoints: [] };
        }
        signer = await keyRing.initial();
        next.logId = createLogId();
        add({ kind: 'log-created', publicKey: { ...signer.publicKey, kid: signer.keyId } }, signer);
      } else {
        signer = await signerFor(next.activeKeyId as string);
      }
      for (const tail of update.quarantined) {
        add(
          { kind: 'tail-quarantined', ...tail, reason: 'torn tail after a crash mid-append' },
          signer,
        );
      }
      const ends: number[] = [];
      for (const item of batch) {
        for (const body of item.build(next)) add(body, signer);
        if (item.rotate) signer = item.rotate;
        ends.push(prepared.length - 1);
      }
      const signatures = await Promise.all(
        prepared.map(({ signer: by, json }) => by.sign(jwsTypes.entry, json)),
      );
      const lines: string[] = [];
      prepared.forEach(({ entry, hash }, index) => {
        const jws = signatures[index] as FlattenedJws;
        lines.push(formatEntryLine(jws));
        (next as LogHead).frontier.append(jwsLeafHash(jws, sha256));
        results.push({ seq: entry.seq, hash, jws, entry });
      });
      const checkpoints = (await checkpointDue(next, forceCheckpoint))
        ? [formatEntryLine((await signCheckpointFor(next, signer)).jws)]
        : [];
      const picked = ends.map((end) => results[end] as CommittedEntry);
      results.length = 0;
      results.push(...picked);
      return { entries: lines, checkpoints };
    });
    head = next as LogHead;
    return results;
  };

  const signerFor = async (keyId: string): Promise<JwsSigner> => {
    const signer = await keyRing.signer(keyId);
    if (!signer) {
      throw new PreflightError({
        code: 'KEY_INVALID',
        message: `The evidence log is signed with key ${keyId}, whose private key is not available here.`,
        details: { keyId },
      });
    }
    return signer;
  };

  const checkpointDue = async (state: LogHead, force: boolean): Promise<boolean> => {
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
    if (closed || checkpointTimer || !head) return;
    if (head.size === (head.lastCheckpoint?.size ?? 0)) return;
    checkpointTimer = setTimeout(() => {
      checkpointTimer = undefined;
      writer.checkpoint().catch(() => {});
    }, checkpointIntervalMs);
    // The timer must not keep a finished process alive; close() writes the final checkpoint.
    (checkpointTimer as { unref?: () => void }).unref?.();
  };

  const enqueue = (build: EntryBuilder, rotate?: JwsSigner): Promise<CommittedEntry> => {
    if (closed) {
      return Promise.reject(
        new PreflightError({
          code: 'EVIDENCE_APPEND_FAILED',
          message: 'The evidence log is closed.',
        }),
      );
    }
    return new Promise<CommittedEntry>((resolve, reject) => {
      queue.push({ build, resolve, reject, ...(rotate ? { rotate } : {}) });
      schedule();
    });
  };

  const writer: EvidenceWriter = {
    append: (build) => enqueue(build),
    checkpoint() {
      if (closed) return Promise.resolve();
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
    async close() {
      if (closed) return;
      try {
        await writer.checkpoint();
      } finally {
        // Even when the final checkpoint cannot be signed, stop writing and release the files.
        closed = true;
        if (checkpointTimer) clearTimeout(checkpointTimer);
        await store.close();
      }
    },
    get head() {
      return head;
    },
  };
  return writer;
}
