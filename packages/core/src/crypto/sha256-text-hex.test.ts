import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256TextHex } from './sha256-text-hex';

const noble = (text: string) => bytesToHex(sha256(utf8ToBytes(text)));

// Any UTF-16 text, lone surrogates included (fast-check's 'binary' unit is very slow to generate).
const anyText = (maxLength: number) =>
  fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
        fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
      ),
      { maxLength },
    )
    .map((units) => units.join(''));

describe('sha256TextHex', () => {
  it('matches the FIPS 180-4 examples', () => {
    // FIPS 180-4 / NIST CSRC example values for "abc" and the 448-bit message, and the empty string.
    expect(sha256TextHex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256TextHex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256TextHex('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('matches @noble/hashes at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 300; length += 1) {
      const text = 'x'.repeat(length);
      expect(sha256TextHex(text), `length ${length}`).toBe(noble(text));
    }
    // Past the reused 4 KiB buffer, and multi-byte characters right at its edge.
    for (const text of [
      '\ud800',
      'a\udc00b',
      'a'.repeat(5000),
      'é'.repeat(1366),
      '€'.repeat(1365),
      '😀'.repeat(2000),
    ])
      expect(sha256TextHex(text)).toBe(noble(text));
  });

  it('matches @noble/hashes on random unicode, lone surrogates included', () => {
    fc.assert(
      fc.property(anyText(300), (text) => {
        expect(sha256TextHex(text)).toBe(noble(text));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(sha256TextHex(text)).toBe(noble(text));
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same digest when called again (no state leaks between calls)', () => {
    const long = 'y'.repeat(10_000);
    const first = sha256TextHex('abc');
    sha256TextHex(long);
    expect(sha256TextHex('abc')).toBe(first);
  });
});
