import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder';

/** What the decoder must equal: a streaming TextDecoder, chunk by chunk, then flushed. */
function reference(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}

function lean(chunks: Uint8Array[]): string {
  const decoder = new Utf8ChunkDecoder();
  return chunks.map((chunk) => decoder.decode(chunk)).join('') + decoder.end();
}

/** Splits `bytes` at the given (sorted, deduplicated) offsets. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const offset of offsets) {
    chunks.push(bytes.subarray(from, offset));
    from = offset;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

// Bytes that exercise every UTF-8 class: ASCII, continuation, 2/3/4-byte leads, invalid leads.
const interesting = [
  0x41, 0x0a, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
];
const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...interesting));

describe('Utf8ChunkDecoder', () => {
  it('decodes text split inside multi-byte characters', () => {
    const bytes = new TextEncoder().encode('data: {"msg":"é€😀 ok"}\n\n');
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(lean([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe(
        'data: {"msg":"é€😀 ok"}\n\n',
      );
    }
  });

  it('ends an incomplete sequence with U+FFFD', () => {
    expect(lean([new Uint8Array([0x41, 0xe2, 0x82])])).toBe('A\ufffd');
  });

  it('equals a streaming TextDecoder on any bytes split anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 64 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (values, cuts) => {
          const chunks = split(new Uint8Array(values), cuts);
          expect(lean(chunks)).toBe(reference(chunks));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('equals a streaming TextDecoder on valid text split anywhere', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (text, cuts) => {
          const chunks = split(new TextEncoder().encode(text), cuts);
          expect(lean(chunks)).toBe(reference(chunks));
        },
      ),
      { numRuns: 500 },
    );
  });
});
