/** 6-bit value of each base64url character (ASCII only; others are refused before lookup). */
const values = new Int8Array(128).fill(-1);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].forEach((char, index) => {
  values[char.charCodeAt(0)] = index;
});

/**
 * Strict base64url decoding with node:buffer's native decoder: the same results as the portable
 * `base64UrlDecode` (a property test compares them), several times faster on log-sized payloads.
 * Node's decoder is lenient (it skips characters outside the alphabet, accepts `+/` and reads a
 * code unit above 0xff by its low byte), so the strictness is restored around it: ASCII only, no
 * `+` or `/`, nothing skipped (the length must come out exact), zero leftover bits.
 */
export function nodeBase64UrlDecode(text: string): Uint8Array | undefined {
  const rest = text.length % 4;
  if (rest === 1) return undefined;
  if (Buffer.byteLength(text, 'utf8') !== text.length) return undefined; // non-ASCII
  if (text.includes('+') || text.includes('/')) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length !== Math.floor((text.length * 3) / 4)) return undefined; // something skipped
  if (rest !== 0) {
    const last = values[text.charCodeAt(text.length - 1)] as number;
    if ((last & (rest === 2 ? 0x0f : 0x03)) !== 0) return undefined;
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
