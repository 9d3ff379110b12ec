import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Ed25519BatchVerifier, Ed25519Check } from '../crypto/ed25519-batch';

export interface NodeEd25519VerifierOptions {
  /**
   * Worker threads that share large batches (0: everything on the calling thread). Each verifies
   * synchronously with node:crypto, so a batch spreads over the cores while the caller keeps
   * parsing. @default os.availableParallelism(), at most 8
   */
  threads?: number;
  /** Batches smaller than this are checked on the calling thread: messaging costs more. @default 256 */
  minParallelBatch?: number;
}

/** A native Ed25519 batch verifier; `close()` stops its worker threads. */
export interface NodeEd25519Verifier {
  verify: Ed25519BatchVerifier;
  /** Stops the workers. They never keep an idle process alive, so this is tidiness, not a must. */
  close(): Promise<void>;
}

// Strict shapes: 64 bytes and 32 bytes of base64url with zero leftover bits. Node's decoder is
// lenient (it skips bad characters and accepts `+/`), so text that is not the one canonical
// encoding must be refused before it is decoded.
const SIGNATURE = /^[A-Za-z0-9_-]{85}[AQgw]$/;
const PUBLIC_KEY = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/** Synchronous check on the calling thread; the worker source below does the same. */
function createSyncCheck(): (check: Ed25519Check) => boolean {
  const keys = new Map<string, KeyObject | null>();
  const keyFor = (x: string): KeyObject | null => {
    let key = keys.get(x);
    if (key === undefined) {
      try {
        key = PUBLIC_KEY.test(x)
          ? createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })
          : null;
      } catch {
        key = null;
      }
      keys.set(x, key);
    }
    return key;
  };
  return ({ x, message, signature }) => {
    const key = keyFor(x);
    if (!key || !SIGNATURE.test(signature)) return false;
    try {
      return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  };
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const SIGNATURE = ${SIGNATURE};
const PUBLIC_KEY = ${PUBLIC_KEY};
const keys = new Map();
const keyFor = (x) => {
  let key = keys.get(x);
  if (key === undefined) {
    try {
      key = PUBLIC_KEY.test(x) ? createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }) : null;
    } catch {
      key = null;
    }
    keys.set(x, key);
  }
  return key;
};
parentPort.on('message', ({ id, xs, messages, signatures }) => {
  const results = new Uint8Array(messages.length);
  for (let i = 0; i < messages.length; i++) {
    const key = keyFor(xs[i]);
    if (!key || !SIGNATURE.test(signatures[i])) continue;
    try {
      results[i] = verify(null, Buffer.from(messages[i], 'utf8'), key, Buffer.from(signatures[i], 'base64url')) ? 1 : 0;
    } catch {}
  }
  parentPort.postMessage({ id, results }, [results.buffer]);
});
`;

interface PoolWorker {
  worker: Worker;
  jobs: Map<number, { resolve: (results: Uint8Array) => void; reject: (e: unknown) => void }>;
}

/**
 * Ed25519 verification with node:crypto: synchronous native `verify` (no promise or thread-pool
 * hop per signature, unlike WebCrypto), and large batches split across worker threads. A worker
 * that fails is replaced by checking its share on the calling thread, so `verify` never rejects.
 */
export function createNodeEd25519Verifier({
  threads = Math.min(8, availableParallelism()),
  minParallelBatch = 256,
}: NodeEd25519VerifierOptions = {}): NodeEd25519Verifier {
  const check = createSyncCheck();
  const pool: PoolWorker[] = [];
  let nextJob = 0;

  const spawn = (): PoolWorker => {
    const entry: PoolWorker = {
      worker: new Worker(WORKER_SOURCE, { eval: true }),
      jobs: new Map(),
    };
    const failAll = (error: unknown) => {
      for (const job of entry.jobs.values()) job.reject(error);
      entry.jobs.clear();
      const index = pool.indexOf(entry);
      if (index >= 0) pool.splice(index, 1);
    };
    entry.worker.on('message', ({ id, results }: { id: number; results: Uint8Array }) => {
      entry.jobs.get(id)?.resolve(results);
      entry.jobs.delete(id);
      // An idle worker must not keep the process alive.
      if (entry.jobs.size === 0) entry.worker.unref();
    });
    entry.worker.on('error', failAll);
    entry.worker.on('exit', () => failAll(new Error('verifier worker exited')));
    entry.worker.unref();
    pool.push(entry);
    return entry;
  };

  const onWorker = (index: number, chunk: readonly Ed25519Check[]): Promise<boolean[]> => {
    const entry = pool[index] ?? spawn();
    const id = nextJob++;
    return new Promise<Uint8Array>((resolve, reject) => {
      entry.jobs.set(id, { resolve, reject });
      entry.worker.ref();
      entry.worker.postMessage({
        id,
        xs: chunk.map((item) => item.x),
        messages: chunk.map((item) => item.message),
        signatures: chunk.map((item) => item.signature),
      });
    }).then(
      (results) => Array.from(results, (value) => value === 1),
      () => chunk.map(check),
    );
  };

  return {
    async verify(checks) {
      if (threads <= 0 || checks.length < minParallelBatch) return checks.map(check);
      const size = Math.ceil(checks.length / threads);
      const parts: Array<Promise<boolean[]>> = [];
      for (let index = 0; index * size < checks.length; index++) {
        parts.push(onWorker(index, checks.slice(index * size, (index + 1) * size)));
      }
      return (await Promise.all(parts)).flat();
    },
    async close() {
      const workers = pool.splice(0);
      await Promise.all(workers.map((entry) => entry.worker.terminate()));
    },
  };
}
