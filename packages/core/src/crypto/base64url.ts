/**
 * base64url without padding (RFC 4648 §5), as JWS uses it. Hand-written rather than jose's
 * helper because verification decodes every log entry and these table-driven loops (four
 * characters, three bytes per step) are several times faster; the test suite checks them against
 * node:buffer on random inputs.
 */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/**
 * UTF-16 code unit -> 6-bit value, or 255 for anything outside the alphabet. It covers every
 * code unit (64 KiB), so no index is ever out of range and no character can alias a valid one.
 */
const lookup = new Uint8Array(65536).fill(255);
for (let index = 0; index < alphabet.length; index++) lookup[alphabet.charCodeAt(index)] = index;
/** 12-bit value -> two characters: halves the string concatenations while encoding. */
const pairs: string[] = [];
for (let index = 0; index < 4096; index++) {
  pairs.push(alphabet.charAt(index >>> 6) + alphabet.charAt(index & 63));
}
const encoder = new TextEncoder();

export function base64UrlEncode(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  let out = '';
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    const n =
      ((bytes[index] as number) << 16) |
      ((bytes[index + 1] as number) << 8) |
      (bytes[index + 2] as number);
    out += (pairs[n >>> 12] as string) + (pairs[n & 4095] as string);
  }
  const rest = bytes.length - index;
  if (rest === 1) {
    const n = (bytes[index] as number) << 16;
    out += alphabet.charAt(n >>> 18) + alphabet.charAt((n >>> 12) & 63);
  } else if (rest === 2) {
    const n = ((bytes[index] as number) << 16) | ((bytes[index + 1] as number) << 8);
    out +=
      alphabet.charAt(n >>> 18) +
      alphabet.charAt((n >>> 12) & 63) +
      alphabet.charAt((n >>> 6) & 63);
  }
  return out;
}

/**
 * Decodes base64url (no padding); `undefined` instead of throwing on malformed input. Strict:
 * padding, whitespace, the `+/` alphabet and non-zero leftover bits are all refused, so each byte
 * string has exactly one accepted encoding.
 */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  const length = text.length;
  const rest = length % 4;
  if (rest === 1) return undefined;
  const whole = length - rest;
  const out = new Uint8Array((whole / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  let position = 0;
  for (let index = 0; index < whole; index += 4) {
    const a = lookup[text.charCodeAt(index)] as number;
    const b = lookup[text.charCodeAt(index + 1)] as number;
    const c = lookup[text.charCodeAt(index + 2)] as number;
    const d = lookup[text.charCodeAt(index + 3)] as number;
    // 255 marks a bad character; OR-ing keeps bit 7 set if any of the four was one.
    if ((a | b | c | d) > 63) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[position++] = n >>> 16;
    out[position++] = (n >>> 8) & 0xff;
    out[position++] = n & 0xff;
  }
  if (rest > 0) {
    const a = lookup[text.charCodeAt(whole)] as number;
    const b = lookup[text.charCodeAt(whole + 1)] as number;
    const c = rest === 3 ? (lookup[text.charCodeAt(whole + 2)] as number) : 0;
    if ((a | b | c) > 63) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6);
    // Leftover bits must be zero, so each byte string has exactly one encoding.
    if ((rest === 2 ? n & 0xffff : n & 0xff) !== 0) return undefined;
    out[position++] = n >>> 16;
    if (rest === 3) out[position++] = (n >>> 8) & 0xff;
  }
  return out;
}
