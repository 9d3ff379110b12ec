import { importJWK } from 'jose';
import { parseTrustStore } from './parse-trust-store';
import type { TrustStoreData } from './trust-store-schema';

/** An approver as the verifier needs them: id, usable public keys, and what they may approve. */
export interface TrustedApprover {
  id: string;
  name?: string;
  keys: readonly CryptoKey[];
  /** Policy variables the approver may satisfy; undefined means any. */
  variables?: readonly string[];
}

/**
 * Where the verifier looks approvers up. Async so that shared stores (a file that is re-read
 * when it changes, a database, a directory service) fit behind the same interface.
 */
export interface TrustStore {
  /** The approver with this id, or undefined if they are not trusted (never added, or removed). */
  getApprover(id: string): Promise<TrustedApprover | undefined>;
}

/**
 * An in-memory trust store over validated trust store data. Public keys are imported once per
 * approver and cached. Throws `TRUST_STORE_INVALID` for data that is not in the format.
 *
 * @example
 * const trustStore = createTrustStore(parseTrustStore(JSON.parse(text)));
 */
export function createTrustStore(data: TrustStoreData): TrustStore {
  // Parse again so that data built by hand (not through parseTrustStore) is held to the format.
  const valid = parseTrustStore(data);
  const cache = new Map<string, Promise<TrustedApprover>>();
  return {
    async getApprover(id) {
      if (!Object.hasOwn(valid.approvers, id)) return undefined;
      let approver = cache.get(id);
      if (approver === undefined) {
        approver = importApprover(id, valid);
        cache.set(id, approver);
      }
      return approver;
    },
  };
}

async function importApprover(id: string, data: TrustStoreData): Promise<TrustedApprover> {
  const entry = data.approvers[id]!;
  const keys = await Promise.all(
    entry.keys.map(async ({ kty, crv, x }) => {
      const key = await importJWK({ kty, crv, x }, 'EdDSA');
      // importJWK returns a Uint8Array only for symmetric keys, which the schema excludes.
      return key as CryptoKey;
    }),
  );
  const approver: TrustedApprover = { id, keys };
  if (entry.name !== undefined) approver.name = entry.name;
  if (entry.variables !== undefined) approver.variables = entry.variables;
  return approver;
}
