/**
 * Where the evidence log lives. The file store (`@preflight/core/node`) and the in-memory store
 * implement it; other stores (object storage, a database) can follow. A store moves lines and
 * bytes; it knows nothing about entry contents, so every store gets the same verification.
 */
export interface EvidenceStore {
  /**
   * Runs `write` while holding the store's exclusive append lock, then appends the lines it
   * returns (entries, then checkpoints) and, unless `sync` is false, makes them durable before
   * resolving. `write` first sees everything appended since this store instance last looked (all
   * lines on the first call), so two processes sharing a store chain their entries correctly. If
   * `write` or the append fails, nothing it returned is visible and the promise rejects.
   *
   * Whatever `sync` says, a checkpoint line is only written once the entry lines before it are
   * durable, including lines another writer appended without a sync: a checkpoint that outlived
   * its entries in a power cut would look like truncation.
   */
  append(
    write: (update: StoreUpdate) => Promise<AppendBatch>,
    options?: AppendOptions,
  ): Promise<void>;
  /**
   * Makes every line this store appended so far durable (the file store: `fdatasync` of the
   * files written since the last sync). Rejects if the data may not have reached the disk.
   */
  sync(): Promise<void>;
  /** Every entry line in order (a snapshot; lines appended meanwhile may be missing). */
  readEntries(): Promise<string[]>;
  /** Every checkpoint line in order. */
  readCheckpoints(): Promise<string[]>;
  /** Keeps the bytes of an ICME proof next to the receipts (`proofs/<proofId>`). */
  storeProof(proofId: string, bytes: Uint8Array): Promise<void>;
  readProof(proofId: string): Promise<Uint8Array | undefined>;
  listProofs(): Promise<string[]>;
  close(): Promise<void>;
}

/** What the store found before a write: new lines, and any torn tail it quarantined. */
export interface StoreUpdate {
  entries: string[];
  checkpoints: string[];
  quarantined: QuarantinedTail[];
}

/** Bytes after the last whole entry, left by a writer that died mid-append, moved aside. */
export interface QuarantinedTail {
  /** Byte offset in the log where the torn tail began. */
  offset: number;
  length: number;
  /** SHA-256 of the quarantined bytes, hex. */
  sha256: string;
  /** Where the bytes went, relative to the store's root. */
  file: string;
}

/** Options of {@link EvidenceStore.append}. */
export interface AppendOptions {
  /**
   * `true`: resolve only once the lines are durable (survive power loss). `false`: resolve once
   * they are written (they survive the process being killed, not an OS crash) and leave making
   * them durable to a later `sync()` or synced append. @default true
   */
  sync?: boolean;
}

export interface AppendBatch {
  entries: string[];
  checkpoints: string[];
}
