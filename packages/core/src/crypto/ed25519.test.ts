import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  generateEd25519Jwk,
  importEd25519SigningKey,
  importEd25519VerifyKey,
  signEd25519,
  verifyEd25519,
} from './ed25519';

describe('Ed25519 wrappers', () => {
  it('sign and verify round-trip; the key id is the RFC 7638 thumbprint', async () => {
    const jwk = await generateEd25519Jwk();
    expect(jwk.kid).toBe(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }));
    const data = new TextEncoder().encode('receipt');
    const signature = await signEd25519(await importEd25519SigningKey(jwk), data);
    const key = (await importEd25519VerifyKey(jwk)) as CryptoKey;
    expect(await verifyEd25519(key, signature, data)).toBe(true);
    expect(await verifyEd25519(key, signature, new TextEncoder().encode('receipT'))).toBe(false);
  });

  it('verification returns false, never throws, on garbage', async () => {
    const key = (await importEd25519VerifyKey(await generateEd25519Jwk())) as CryptoKey;
    expect(await verifyEd25519(key, new Uint8Array(3), new Uint8Array(1))).toBe(false);
    expect(await verifyEd25519(key, new Uint8Array(64), new Uint8Array(1))).toBe(false);
    expect(await importEd25519VerifyKey({ kty: 'OKP', crv: 'Ed25519', x: 'nope' })).toBeUndefined();
    expect(await importEd25519VerifyKey(null)).toBeUndefined();
  });
});
