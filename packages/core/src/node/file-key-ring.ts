import { mkdirSync, statSync } from 'node:fs';
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Ed25519PrivateJwk, generateEd25519Jwk, toEd25519PublicJwk } from '../crypto/ed25519';
import { PreflightError } from '../errors';
import type { SigningKeyRing } from '../evidence/signing-key-ring';
import type { JwsSigner } from '../receipt/jws-signer';
import { createNodeJwsSigner } from './node-jws-signer';

export interface FileKeyRingOptions {
  /** Directory of key files (created owner-only, 0700). */
  dir: string;
}

const PRIVATE = '.private.jwk';
const PUBLIC = '.public.jwk';

/**
 * Ed25519 signing keys as JWK files: `<kid>.private.jwk` (mode 0600, refused if group or others
 * can read it) and `<kid>.public.jwk`. A key is created on first use; a retired key keeps only
 * its public file. Which key is active is recorded in the log, not here.
 */
export function createFileKeyRing({ dir }: FileKeyRingOptions): SigningKeyRing {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const cache = new Map<string, JwsSigner>();

  const load = async (keyId: string): Promise<JwsSigner | undefined> => {
    const cached = cache.get(keyId);
    if (cached) return cached;
    const path = join(dir, `${keyId}${PRIVATE}`);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    const mode = (await stat(path)).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new PreflightError({
        code: 'KEY_INVALID',
        message: `The signing key ${path} is readable by others (mode ${mode.toString(8)}); run chmod 600 on it.`,
      });
    }
    const signer = await createNodeJwsSigner(JSON.parse(text) as Ed25519PrivateJwk);
    if (signer.keyId !== keyId) {
      throw new PreflightError({
        code: 'KEY_INVALID',
        message: `${path} does not hold key ${keyId}.`,
      });
    }
    cache.set(keyId, signer);
    return signer;
  };

  const create = async (): Promise<JwsSigner> => {
    const jwk = await generateEd25519Jwk();
    const keyId = jwk.kid as string;
    // O_EXCL + 0600 from the start: the private key is never readable by others, not even briefly.
    await writeFile(join(dir, `${keyId}${PRIVATE}`), `${JSON.stringify(jwk)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    await writeFile(
      join(dir, `${keyId}${PUBLIC}`),
      `${JSON.stringify(await toEd25519PublicJwk(jwk))}\n`,
      { mode: 0o644, flag: 'wx' },
    );
    return (await load(keyId)) as JwsSigner;
  };

  return {
    signer: load,
    async initial() {
      const names = (await readdir(dir)).filter((name) => name.endsWith(PRIVATE));
      const newest = names
        .map((name) => ({ name, time: statSync(join(dir, name)).mtimeMs }))
        .sort((a, b) => b.time - a.time)[0];
      return newest ? ((await load(newest.name.slice(0, -PRIVATE.length))) as JwsSigner) : create();
    },
    create,
    async retire(keyId) {
      cache.delete(keyId);
      await unlink(join(dir, `${keyId}${PRIVATE}`)).catch(() => {});
    },
  };
}

/** Reads every public key file in a key directory (for bundles and offline verification). */
export async function readPublicKeys(dir: string): Promise<unknown[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const keys: unknown[] = [];
  for (const name of names.filter((n) => n.endsWith(PUBLIC)).sort()) {
    keys.push(JSON.parse(await readFile(join(dir, name), 'utf8')));
  }
  return keys;
}
