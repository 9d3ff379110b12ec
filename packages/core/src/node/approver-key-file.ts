import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, importPKCS8, importSPKI } from 'jose';
import {
  type ApproverPrivateJwk,
  type ApproverPublicJwk,
  approverKeyId,
  parseApproverPrivateJwk,
  parseApproverPublicJwk,
} from '../approval';
import { PreflightError } from '../errors';
import { parseJsonFile, readTextFile } from './read-text-file';

export interface ApproverPrivateKeyFile {
  privateJwk: ApproverPrivateJwk;
  /** True when group or others may read the file (POSIX): the key may have leaked. */
  permissionsTooOpen: boolean;
}

/**
 * Reads an approver's private key: an Ed25519 JWK (as `approver add --generate` writes) or a
 * PKCS#8 PEM (`openssl genpkey -algorithm ed25519`). Throws `FILE_NOT_FOUND` or `KEY_INVALID`.
 */
export async function readApproverPrivateKeyFile(path: string): Promise<ApproverPrivateKeyFile> {
  const text = await readTextFile(path, 'Key file');
  const privateJwk = text.includes('-----BEGIN')
    ? await pemToJwk(text, path, 'private')
    : parseApproverPrivateJwk(parseJsonFile(text, path, 'KEY_INVALID'));
  const { mode } = await stat(path);
  return {
    privateJwk: parseApproverPrivateJwk(privateJwk),
    permissionsTooOpen: process.platform !== 'win32' && (mode & 0o077) !== 0,
  };
}

/**
 * Reads an approver's public key: an Ed25519 JWK or an SPKI PEM (`openssl pkey -pubout`).
 * A private key is refused, so that a secret never ends up in the shared trust store.
 */
export async function readApproverPublicKeyFile(path: string): Promise<ApproverPublicJwk> {
  const text = await readTextFile(path, 'Public key file');
  if (text.includes('PRIVATE KEY') || /"d"\s*:/.test(text)) {
    throw new PreflightError({
      code: 'KEY_INVALID',
      message: `${path} holds a private key; give the approver's public key (never share the private one).`,
      details: { path },
    });
  }
  const jwk = text.includes('-----BEGIN')
    ? await pemToJwk(text, path, 'public')
    : parseJsonFile(text, path, 'KEY_INVALID');
  const publicJwk = parseApproverPublicJwk(jwk);
  return { ...publicJwk, kid: publicJwk.kid ?? (await approverKeyId(publicJwk)) };
}

/**
 * Writes a private key file readable by its owner only (0600). Refuses to overwrite an existing
 * file: a lost key cannot be recovered, a new one can always be made.
 */
export async function writeApproverPrivateKeyFile(
  path: string,
  privateJwk: ApproverPrivateJwk,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, `${JSON.stringify(parseApproverPrivateJwk(privateJwk), null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  } catch (cause) {
    const exists = (cause as { code?: string }).code === 'EEXIST';
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: exists
        ? `${path} already exists; not overwriting a key file (choose another --out).`
        : `Cannot write key file ${path}: ${String(cause)}`,
      cause,
      details: { path },
    });
  }
}

async function pemToJwk(pem: string, path: string, kind: 'private' | 'public'): Promise<unknown> {
  try {
    const key =
      kind === 'private'
        ? await importPKCS8(pem, 'EdDSA', { extractable: true })
        : await importSPKI(pem, 'EdDSA', { extractable: true });
    const { kty, crv, x, d } = await exportJWK(key);
    return kind === 'private' ? { kty, crv, x, d } : { kty, crv, x };
  } catch (cause) {
    throw new PreflightError({
      code: 'KEY_INVALID',
      message: `${path} is not an Ed25519 ${kind === 'private' ? 'PKCS#8' : 'SPKI'} PEM key.`,
      cause,
      details: { path },
    });
  }
}
