import type { EvidenceCodec } from './evidence-codec';
import type { EvidenceStore } from './evidence-store';
import type { SigningKeyRing } from './signing-key-ring';

/** What an append waits for before it resolves; see {@link EvidenceWriterOptions.durability}. */
export type Durability = 'fsync' | 'group';

/** Options of `createEvidenceWriter`; the codec hashes entries (Node: `nodeEvidenceCodec`). */
export interface EvidenceWriterOptions extends EvidenceCodec {
  store: EvidenceStore;
  keyRing: SigningKeyRing;
  /**
   * `'fsync'`: an append resolves only once its entries are durable (synced to disk): the strict
   * write-ahead. Entries that arrive while an append is in flight share the next append and its
   * one sync, so concurrency raises throughput without weakening any entry's guarantee.
   *
   * `'group'`: group commit with a bounded delay. An append resolves once its entries are written
   * to the store (for files: in the kernel, so they survive the process being killed); one sync
   * for everything written meanwhile starts at most `maxSyncDelayMs` later (an entry written while
   * a sync runs: once that sync ends), and on `close()`. Power loss or an OS crash can lose the
   * entries of the last `maxSyncDelayMs` plus one sync's duration, whose tools may have run. A
   * failed sync fails closed: appends in flight and every later append, checkpoint and `close()`
   * reject with `EVIDENCE_SYNC_FAILED`. Appends that write a requested checkpoint or a key
   * rotation are synced before they resolve in both modes.
   * @default 'fsync'
   */
  durability?: Durability;
  /** Most entries in one append (both modes batch what queued during the previous one). @default 256 */
  maxBatch?: number;
  /**
   * `'group'` mode: longest delay between an entry being written and the start of the sync that
   * makes it durable (an entry written while a sync runs may also wait for that sync to end);
   * with one sync's duration, the window of acknowledged entries a power cut or OS crash can lose.
   * 5 ms: shorter than almost any tool call that could have started in it, longer than one sync
   * (0.4 to a few ms on SSDs), and at most 200 syncs a second reach the disk however many
   * decisions are made. @default 5
   */
  maxSyncDelayMs?: number;
  /** Sign a checkpoint once this many entries are not covered by one. @default 1000 */
  checkpointEvery?: number;
  /** Sign a checkpoint this long after the first uncovered entry, even when idle. @default 60000 */
  checkpointIntervalMs?: number;
  /** Clock for entry and checkpoint times. @default () => new Date() */
  now?: () => Date;
  /** Id for a new log (its first entry). @default crypto.randomUUID */
  createLogId?: () => string;
}
