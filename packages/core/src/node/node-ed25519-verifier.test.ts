import { describe, expect, it } from 'vitest';
import { generateEd25519Jwk } from '../crypto/ed25519';
import { createWebCryptoEd25519Verifier, type Ed25519Check } from '../crypto/ed25519-batch';
import { jwsTypes } from '../receipt/jws-envelope';
import { createJwsSigner } from '../receipt/jws-signer';
import { createNodeEd25519Verifier } from './node-ed25519-verifier';

/** `count` signed messages under two keys, with every third one damaged in a different way. */
async function checks(count: number): Promise<{ items: Ed25519Check[]; expected: boolean[] }> {
  const signers = await Promise.all(
    [1, 2].map(async () => createJwsSigner(await generateEd25519Jwk())),
  );
  const items: Ed25519Check[] = [];
  const expected: boolean[] = [];
  for (let index = 0; index < count; index++) {
    const signer = signers[index % 2] as (typeof signers)[number];
    const jws = await signer.sign(
      jwsTypes.entry,
      JSON.stringify({ index, pad: 'é'.repeat(index % 9) }),
    );
    const item = {
      x: signer.publicKey.x,
      message: `${jws.protected}.${jws.payload}`,
      signature: jws.signature,
    };
    const damage = index % 3 === 0 ? index % 4 : -1;
    if (damage === 0) item.message += 'x'; // edited message
    if (damage === 1) {
      const flipped = item.signature[10] === 'A' ? 'B' : 'A';
      item.signature = `${item.signature.slice(0, 10)}${flipped}${item.signature.slice(11)}`;
    }
    if (damage === 2) item.x = (signers[(index + 1) % 2] as (typeof signers)[number]).publicKey.x;
    if (damage === 3) item.signature = item.signature.replace(/^./, '+'); // non-base64url
    items.push(item);
    expected.push(damage < 0);
  }
  items.push({ x: 'not-a-key', message: 'm', signature: 'A'.repeat(86) });
  expected.push(false);
  return { items, expected };
}

describe('createNodeEd25519Verifier', () => {
  it('gives the same verdicts as WebCrypto, on the calling thread and across workers', async () => {
    const { items, expected } = await checks(300);
    expect(await createWebCryptoEd25519Verifier()(items)).toEqual(expected);
    const inline = createNodeEd25519Verifier({ threads: 0 });
    expect(await inline.verify(items)).toEqual(expected);
    const pooled = createNodeEd25519Verifier({ threads: 2, minParallelBatch: 16 });
    try {
      expect(await pooled.verify(items)).toEqual(expected);
      // Several batches at once share the same workers.
      const again = await Promise.all([pooled.verify(items), pooled.verify(items.slice(0, 40))]);
      expect(again).toEqual([expected, expected.slice(0, 40)]);
    } finally {
      await pooled.close();
    }
  });

  it('refuses non-canonical signature text that node:buffer would decode anyway', async () => {
    const { items, expected } = await checks(2);
    const good = items[1] as Ed25519Check;
    expect(expected[1]).toBe(true);
    const verifier = createNodeEd25519Verifier({ threads: 0 });
    const variants = [
      `${good.signature}=`,
      `${good.signature} `,
      `${good.signature.slice(0, 40)}\n${good.signature.slice(40)}`,
    ];
    expect(await verifier.verify(variants.map((signature) => ({ ...good, signature })))).toEqual([
      false,
      false,
      false,
    ]);
  });
});
