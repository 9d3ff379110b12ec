import { type Ed25519PrivateJwk, generateEd25519Jwk } from '../crypto/ed25519';
import { createJwsSigner, type JwsSigner } from '../receipt/jws-signer';

/**
 * The signing keys a writer may use. The log records which key is active (its first entry and
 * every `key-rotated` entry), and the ring supplies the private half. The file key store in
 * `@preflight/core/node` implements it with owner-only key files.
 */
export interface SigningKeyRing {
  /** The signer for `keyId`, or `undefined` when this ring does not hold that private key. */
  signer(keyId: string): Promise<JwsSigner | undefined>;
  /** The key that starts a new log: the ring's newest key, created on first use. */
  initial(): Promise<JwsSigner>;
  /** Creates and keeps a new key, for rotation. */
  create(): Promise<JwsSigner>;
  /** Called once the log durably names a successor: the ring may destroy this private key. */
  retire(keyId: string): Promise<void>;
}

/** A key ring held in memory (tests, edge runtimes); keys vanish with the process. */
export function createMemoryKeyRing(keys: Ed25519PrivateJwk[] = []): SigningKeyRing {
  const signers = new Map<string, Promise<JwsSigner>>();
  let newest: Promise<JwsSigner> | undefined;
  const add = (jwk: Ed25519PrivateJwk) => {
    const signer = createJwsSigner(jwk);
    newest = signer;
    return signer.then((ready) => {
      signers.set(ready.keyId, signer);
      return ready;
    });
  };
  const loaded = Promise.all(keys.map(add));
  return {
    async signer(keyId) {
      await loaded;
      return signers.get(keyId);
    },
    async initial() {
      await loaded;
      return newest ?? add(await generateEd25519Jwk());
    },
    async create() {
      return add(await generateEd25519Jwk());
    },
    async retire(keyId) {
      signers.delete(keyId);
    },
  };
}
