/**
 * SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, lowercase hex: the same result as
 * `sha256Hex(text)`, about twice as fast on the short inputs the guard hashes on every tool call
 * (args and action digests, a few hundred bytes). @noble/hashes pays for its streaming object,
 * a DataView and a fresh TextEncoder buffer per call; here the text is encoded into a reused
 * buffer and compressed with the state in locals. Synchronous and runtime-neutral (TextEncoder
 * only). Checked against @noble/hashes on random inputs of every length around block boundaries.
 */
export function sha256TextHex(text: string): string {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  const bound = text.length * 3;
  const bytes = bound <= scratch.length ? scratch : new Uint8Array(bound);
  const { written } = encoder.encodeInto(text, bytes);
  state.set(initial);
  const full = written - (written % 64);
  for (let offset = 0; offset < full; offset += 64) compress(bytes, offset);
  // Final block(s): the tail, 0x80, zeros, and the bit length as a 64-bit big-endian number.
  tail.fill(0);
  tail.set(bytes.subarray(full, written));
  const rest = written - full;
  tail[rest] = 0x80;
  const end = rest < 56 ? 64 : 128;
  const high = Math.floor(written / 0x20000000);
  const low = (written << 3) >>> 0;
  tail[end - 8] = high >>> 24;
  tail[end - 7] = high >>> 16;
  tail[end - 6] = high >>> 8;
  tail[end - 5] = high;
  tail[end - 4] = low >>> 24;
  tail[end - 3] = low >>> 16;
  tail[end - 2] = low >>> 8;
  tail[end - 1] = low;
  compress(tail, 0);
  if (end === 128) compress(tail, 64);
  let hex = '';
  for (let index = 0; index < 8; index += 1) {
    const word = state[index] as number;
    hex +=
      hexByte[(word >>> 24) & 255]! +
      hexByte[(word >>> 16) & 255]! +
      hexByte[(word >>> 8) & 255]! +
      hexByte[word & 255]!;
  }
  return hex;
}

const encoder = new TextEncoder();
// Reused for inputs up to 4 KiB (the common case); larger ones get their own buffer.
const scratch = new Uint8Array(4096);
const tail = new Uint8Array(128);
const words = new Int32Array(64);
const state = new Int32Array(8);
const initial = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const hexByte = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const roundConstants = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// One 64-byte block into `state` (32-bit arithmetic throughout: `| 0` keeps values in int32).
function compress(bytes: Uint8Array, offset: number): void {
  const w = words;
  for (let index = 0; index < 16; index += 1) {
    const at = offset + index * 4;
    w[index] =
      ((bytes[at] as number) << 24) |
      ((bytes[at + 1] as number) << 16) |
      ((bytes[at + 2] as number) << 8) |
      (bytes[at + 3] as number);
  }
  for (let index = 16; index < 64; index += 1) {
    const w15 = w[index - 15] as number;
    const w2 = w[index - 2] as number;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    w[index] = ((w[index - 16] as number) + s0 + (w[index - 7] as number) + s1) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let index = 0; index < 64; index += 1) {
    const sum1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const choose = (e & f) ^ (~e & g);
    const t1 = (h + sum1 + choose + (roundConstants[index] as number) + (w[index] as number)) | 0;
    const sum0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const majority = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (sum0 + majority) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}
