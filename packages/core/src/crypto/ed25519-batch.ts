import { base64UrlDecode } from './base64url';
import { importEd25519VerifyKey, verifyEd25519 } from './ed25519';

/**
 * One Ed25519 signature to check, as the text a JWS verifier has at hand. Text rather than bytes
 * so that a batch can be handed to worker threads cheaply.
 */
export interface Ed25519Check {
  /** The public key: base64url of its 32 bytes (the JWK's `x`). */
  x: string;
  /** The signed message; its UTF-8 bytes are what was signed (for a JWS, `protected.payload`). */
  message: string;
  /** base64url (no padding) of the 64-byte signature. */
  signature: string;
}

/**
 * Checks many Ed25519 signatures and resolves with one boolean per check, in order. Never
 * rejects: a malformed key or signature, or a runtime failure, is `false`. Implementations:
 * {@link createWebCryptoEd25519Verifier} (any runtime) and, on Node, the native one from
 * `@preflight/core/node` (`createNodeEd25519Verifier`).
 */
export type Ed25519BatchVerifier = (checks: readonly Ed25519Check[]) => Promise<boolean[]>;

export interface WebCryptoEd25519VerifierOptions {
  /** Checks in flight at once (WebCrypto may run them on other threads). @default 256 */
  concurrency?: number;
}

const encoder = new TextEncoder();

/**
 * The portable batch verifier: WebCrypto `verify`, each key imported once. WebCrypto's
 * asynchronous interface costs a promise and, on Node, a thread-pool round trip per signature,
 * which is why Node callers should prefer the native verifier.
 */
export function createWebCryptoEd25519Verifier({
  concurrency = 256,
}: WebCryptoEd25519VerifierOptions = {}): Ed25519BatchVerifier {
  const keys = new Map<string, Promise<CryptoKey | undefined>>();
  const keyFor = (x: string) => {
    let key = keys.get(x);
    if (!key) {
      key = importEd25519VerifyKey({ kty: 'OKP', crv: 'Ed25519', x });
      keys.set(x, key);
    }
    return key;
  };
  const one = async ({ x, message, signature }: Ed25519Check): Promise<boolean> => {
    const key = await keyFor(x);
    const bytes = base64UrlDecode(signature);
    return !!key && !!bytes && verifyEd25519(key, bytes, encoder.encode(message));
  };
  return async (checks) => {
    const results: boolean[] = new Array(checks.length);
    for (let start = 0; start < checks.length; start += concurrency) {
      const slice = checks.slice(start, start + concurrency);
      const verdicts = await Promise.all(slice.map(one));
      verdicts.forEach((ok, offset) => {
        results[start + offset] = ok;
      });
    }
    return results;
  };
}
