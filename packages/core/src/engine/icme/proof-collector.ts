import type { IcmeClient } from './icme-client';
import type { ProofMetadata } from './icme-schemas';

/** Where a proof stands. Mirrors the `proof_status` field of ICME-adjacent ledgers. */
export type ProofCollectionStatus =
  | { proofId: string; state: 'pending' }
  | { proofId: string; state: 'stored'; bytes: number; metadata: ProofMetadata }
  /** Someone else consumed the single-use download first (HTTP 409). */
  | { proofId: string; state: 'consumed'; metadata: ProofMetadata }
  | { proofId: string; state: 'failed'; reason: string };

/** Receives the proof bytes, e.g. the evidence store writing them next to the receipt. */
export type StoreProof = (
  proofId: string,
  bytes: Uint8Array,
  metadata: ProofMetadata,
) => Promise<void>;

export interface ProofCollectorOptions {
  /** Client used for `GET /proof/{id}` and the one download. */
  client: Pick<IcmeClient, 'getProof' | 'downloadProof'>;
  /** Sink for the bytes. Required: bytes can be downloaded only once. */
  storeProof: StoreProof;
  /** Delay between readiness polls. Default 5000 ms. */
  pollIntervalMs?: number;
  /** Give up polling after this long. Default 180 000 ms (proofs take ~35 s, up to minutes). */
  timeoutMs?: number;
  /** Attempts to hand the downloaded bytes to `storeProof`. Default 3. */
  storeAttempts?: number;
  /** Called on every state change. Default: none. */
  onStatus?: (status: ProofCollectionStatus) => void;
}

/**
 * Collects ZK proofs in the background: polls readiness (non-consuming), downloads each proof's
 * bytes exactly once and hands them to `storeProof`. It never calls `verifyProof`: verification
 * also consumes the proof, and belongs to whoever audits.
 */
export interface ProofCollector {
  /** Starts collecting `proofId` (idempotent: a proof already known is not collected again). */
  collect(proofId: string): Promise<ProofCollectionStatus>;
  status(proofId: string): ProofCollectionStatus | undefined;
  /** Resolves when every collection started so far has finished. */
  drain(): Promise<void>;
  /** Stops polling; pending collections finish as `failed: stopped`. */
  stop(): void;
}

/** Creates a {@link ProofCollector}. */
export function createProofCollector({
  client,
  storeProof,
  pollIntervalMs = 5000,
  timeoutMs = 180_000,
  storeAttempts = 3,
  onStatus,
}: ProofCollectorOptions): ProofCollector {
  const statuses = new Map<string, ProofCollectionStatus>();
  const running = new Map<string, Promise<ProofCollectionStatus>>();
  const stopper = new AbortController();

  const update = (status: ProofCollectionStatus) => {
    statuses.set(status.proofId, status);
    try {
      onStatus?.(status);
    } catch {
      // observers must not break collection
    }
    return status;
  };
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stopper.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      stopper.signal.addEventListener('abort', done, { once: true });
    });

  async function run(proofId: string): Promise<ProofCollectionStatus> {
    update({ proofId, state: 'pending' });
    const giveUpAt = Date.now() + timeoutMs;
    let metadata: ProofMetadata | undefined;
    while (!metadata) {
      if (stopper.signal.aborted) return update({ proofId, state: 'failed', reason: 'stopped' });
      try {
        const readiness = await client.getProof(proofId, { signal: stopper.signal });
        if (readiness.ready) {
          metadata = readiness.metadata;
          break;
        }
      } catch (error) {
        if (stopper.signal.aborted) return update({ proofId, state: 'failed', reason: 'stopped' });
        // transient failures keep polling until the timeout; auth failures will not heal
        const code = (error as { code?: string }).code;
        if (code === 'ICME_UNAUTHORIZED' || code === 'ICME_BAD_REQUEST') {
          return update({ proofId, state: 'failed', reason: message(error) });
        }
      }
      if (Date.now() + pollIntervalMs > giveUpAt) {
        return update({ proofId, state: 'failed', reason: `not ready after ${timeoutMs} ms` });
      }
      await wait(pollIntervalMs);
    }
    let bytes: Uint8Array;
    try {
      bytes = await client.downloadProof(proofId);
    } catch (error) {
      if ((error as { code?: string }).code === 'ICME_CONFLICT') {
        return update({ proofId, state: 'consumed', metadata });
      }
      return update({ proofId, state: 'failed', reason: `download: ${message(error)}` });
    }
    // The bytes cannot be fetched again, so the sink gets several tries.
    let lastError: unknown;
    for (let attempt = 0; attempt < Math.max(1, storeAttempts); attempt++) {
      try {
        await storeProof(proofId, bytes, metadata);
        return update({ proofId, state: 'stored', bytes: bytes.byteLength, metadata });
      } catch (error) {
        lastError = error;
        await wait(Math.min(pollIntervalMs, 1000));
      }
    }
    return update({ proofId, state: 'failed', reason: `store: ${message(lastError)}` });
  }

  return {
    collect(proofId) {
      const existing = running.get(proofId);
      if (existing) return existing;
      const promise = run(proofId);
      running.set(proofId, promise);
      return promise;
    },
    status: (proofId) => statuses.get(proofId),
    async drain() {
      await Promise.all(running.values());
    },
    stop() {
      stopper.abort(new Error('proof collector stopped'));
    },
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
