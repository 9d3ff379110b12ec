import { describe, expect, it } from 'vitest';
import { generateEd25519Jwk } from '../crypto/ed25519';
import { jwsTypes } from '../receipt/jws-envelope';
import { createJwsSigner } from '../receipt/jws-signer';
import { createNodeJwsSigner } from './node-jws-signer';

describe('createNodeJwsSigner', () => {
  it('produces byte for byte the JWS of the WebCrypto signer (Ed25519 is deterministic)', async () => {
    const jwk = await generateEd25519Jwk();
    const [web, native] = await Promise.all([createJwsSigner(jwk), createNodeJwsSigner(jwk)]);
    expect(native.keyId).toBe(web.keyId);
    expect(native.publicKey).toEqual(web.publicKey);
    for (const json of [
      '{}',
      '{"a":"é😀","n":[1,2.5]}',
      JSON.stringify({ big: 'x'.repeat(5000) }),
    ]) {
      for (const type of [jwsTypes.entry, jwsTypes.checkpoint]) {
        expect(await native.sign(type, json)).toEqual(await web.sign(type, json));
      }
    }
  });

  it('refuses a key file whose public half does not match its private half', async () => {
    const [a, b] = await Promise.all([generateEd25519Jwk(), generateEd25519Jwk()]);
    await expect(createNodeJwsSigner({ ...a, x: b.x })).rejects.toMatchObject({
      code: 'KEY_INVALID',
    });
    await expect(createNodeJwsSigner({ ...a, d: 'nope' })).rejects.toMatchObject({
      code: 'KEY_INVALID',
    });
  });
});
