import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateApproverKeyPair, publicJwkOf } from '../approval';
import {
  readApproverPrivateKeyFile,
  readApproverPublicKeyFile,
  writeApproverPrivateKeyFile,
} from './approver-key-file';

async function tempDir() {
  return mkdtemp(join(tmpdir(), 'preflight-keys-'));
}

describe('approver key files', () => {
  it('writes a private key 0600, reads it back, and never overwrites it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'keys', 'alice.jwk.json');
    const { privateJwk } = await generateApproverKeyPair();
    await writeApproverPrivateKeyFile(path, privateJwk);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readApproverPrivateKeyFile(path)).toEqual({
      privateJwk,
      permissionsTooOpen: false,
    });
    await expect(writeApproverPrivateKeyFile(path, privateJwk)).rejects.toThrow(/already exists/);
  });

  it('flags a private key file that others can read', async () => {
    const dir = await tempDir();
    const path = join(dir, 'open.jwk.json');
    const { privateJwk } = await generateApproverKeyPair();
    await writeFile(path, JSON.stringify(privateJwk), { mode: 0o644 });
    const read = await readApproverPrivateKeyFile(path);
    expect(read.permissionsTooOpen).toBe(process.platform !== 'win32');
  });

  it('reads OpenSSL-style PEM keys (PKCS#8 private, SPKI public) as the same key pair', async () => {
    const dir = await tempDir();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const privatePath = join(dir, 'key.pem');
    const publicPath = join(dir, 'key.pub.pem');
    await writeFile(privatePath, privateKey.export({ format: 'pem', type: 'pkcs8' }), {
      mode: 0o600,
    });
    await writeFile(publicPath, publicKey.export({ format: 'pem', type: 'spki' }));
    const { privateJwk } = await readApproverPrivateKeyFile(privatePath);
    const publicJwk = await readApproverPublicKeyFile(publicPath);
    expect(publicJwk.x).toBe(privateJwk.x);
    expect(publicJwk.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a private key given as a public key, and junk', async () => {
    const dir = await tempDir();
    const { privateJwk } = await generateApproverKeyPair();
    const privatePath = join(dir, 'private.json');
    await writeFile(privatePath, JSON.stringify(privateJwk));
    await expect(readApproverPublicKeyFile(privatePath)).rejects.toMatchObject({
      code: 'KEY_INVALID',
    });
    const junkPath = join(dir, 'junk.json');
    await writeFile(junkPath, '{"kty":"RSA"}');
    await expect(readApproverPublicKeyFile(junkPath)).rejects.toMatchObject({
      code: 'KEY_INVALID',
    });
    await expect(readApproverPrivateKeyFile(join(dir, 'missing'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    const publicPath = join(dir, 'public.json');
    await writeFile(publicPath, JSON.stringify(publicJwkOf(privateJwk)));
    expect((await readApproverPublicKeyFile(publicPath)).x).toBe(privateJwk.x);
  });
});
