import type { Ed25519BatchVerifier, Ed25519Check } from '../crypto/ed25519-batch';
import type { FlattenedJws } from '../receipt/jws-envelope';

/** A log entry whose signature is to be checked with the key `kid` (public key `x`). */
export interface EntrySignature {
  seq: number;
  line: number;
  kid: string;
  jws: FlattenedJws;
}

export interface SignatureBatchesOptions {
  verify: Ed25519BatchVerifier;
  /** The public key `x` of a key id, or `undefined` when the key is invalid (signatures fail). */
  keyOf: (kid: string) => Promise<string | undefined>;
  /** Signatures per batch handed to `verify`. */
  batchSize: number;
  /** Batches verified at once; adding more waits for the oldest (bounds memory on huge logs). */
  maxInFlight: number;
  onVerified: (signature: EntrySignature) => void;
  onInvalid: (signature: EntrySignature) => void;
  /** Called as batches finish, with the highest line whose signature is settled. */
  onSettled?: (line: number) => void;
}

/** The JWS signing input, as text: ASCII(protected) || '.' || ASCII(payload). */
export const signingInput = (jws: FlattenedJws) => `${jws.protected}.${jws.payload}`;

/**
 * Collects entry signatures and verifies them in batches while the caller keeps parsing: a batch
 * goes to the verifier as soon as it is full, and its results are folded in when they arrive.
 */
export class SignatureBatches {
  private batch: EntrySignature[] = [];
  private readonly inFlight: Array<Promise<void>> = [];
  private settledLine = 0;

  constructor(private readonly options: SignatureBatchesOptions) {}

  /**
   * Queues one signature. Returns a promise only when the caller must wait (too many batches in
   * flight), so a loop over a large log does not pay an `await` per entry.
   */
  add(signature: EntrySignature): Promise<void> | undefined {
    this.batch.push(signature);
    return this.batch.length >= this.options.batchSize ? this.flush() : undefined;
  }

  /** Sends the current batch; returns a promise to wait on if too many batches are in flight. */
  flush(): Promise<void> | undefined {
    if (this.batch.length === 0) return undefined;
    const items = this.batch;
    this.batch = [];
    this.inFlight.push(this.run(items));
    return this.inFlight.length > this.options.maxInFlight ? this.inFlight.shift() : undefined;
  }

  /** Sends what is left and waits for every batch. */
  async done(): Promise<void> {
    await this.flush();
    await Promise.all(this.inFlight.splice(0));
  }

  private async run(items: EntrySignature[]): Promise<void> {
    const { verify, keyOf, onVerified, onInvalid, onSettled } = this.options;
    const keys = new Map<string, string | undefined>();
    for (const { kid } of items) if (!keys.has(kid)) keys.set(kid, await keyOf(kid));
    const checks: Ed25519Check[] = [];
    const checked: EntrySignature[] = [];
    for (const item of items) {
      const x = keys.get(item.kid);
      if (x === undefined) {
        onInvalid(item);
      } else {
        checks.push({ x, message: signingInput(item.jws), signature: item.jws.signature });
        checked.push(item);
      }
    }
    // A verifier must not reject; if a custom one does, its signatures count as unverified.
    const results = checks.length > 0 ? await verify(checks).catch(() => []) : [];
    checked.forEach((item, index) => {
      if (results[index] === true) onVerified(item);
      else onInvalid(item);
    });
    const last = items[items.length - 1]?.line ?? 0;
    if (last > this.settledLine) {
      this.settledLine = last;
      onSettled?.(last);
    }
  }
}
