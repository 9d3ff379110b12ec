import type { AppendBatch, EvidenceStore, StoreUpdate } from './evidence-store';

/**
 * An evidence store in memory: for tests, for the browser and edge runtimes, and as the model of
 * the store contract. `entries` and `checkpoints` are exposed so tests can tamper with them.
 */
export interface MemoryEvidenceStore extends EvidenceStore {
  readonly entries: string[];
  readonly checkpoints: string[];
  readonly proofs: Map<string, Uint8Array>;
}

export function createMemoryEvidenceStore(): MemoryEvidenceStore {
  const entries: string[] = [];
  const checkpoints: string[] = [];
  const proofs = new Map<string, Uint8Array>();
  let seenEntries = 0;
  let seenCheckpoints = 0;
  // A promise chain is this store's lock: writes run one at a time, in call order.
  let lock: Promise<unknown> = Promise.resolve();

  return {
    entries,
    checkpoints,
    proofs,
    append(write) {
      const run = lock.then(async () => {
        const update: StoreUpdate = {
          entries: entries.slice(seenEntries),
          checkpoints: checkpoints.slice(seenCheckpoints),
          quarantined: [],
        };
        const batch: AppendBatch = await write(update);
        entries.push(...batch.entries);
        checkpoints.push(...batch.checkpoints);
        seenEntries = entries.length;
        seenCheckpoints = checkpoints.length;
      });
      lock = run.catch(() => undefined);
      return run;
    },
    // Memory has no durability to wait for: synced and unsynced appends are the same.
    async sync() {},
    async readEntries() {
      return [...entries];
    },
    async readCheckpoints() {
      return [...checkpoints];
    },
    async storeProof(proofId, bytes) {
      proofs.set(proofId, bytes.slice());
    },
    async readProof(proofId) {
      return proofs.get(proofId);
    },
    async listProofs() {
      return [...proofs.keys()].sort();
    },
    async close() {},
  };
}
