/**
 * Compares two byte arrays (or two strings, as UTF-16 code units) in time that depends only on
 * their lengths, so a verifier that compares digests or signatures leaks nothing about where they
 * first differ. Lengths are not secret (digests and signatures have fixed sizes).
 */
export function timingSafeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  if (typeof a === 'string' || typeof b === 'string') {
    const left = String(a);
    const right = String(b);
    for (let index = 0; index < left.length; index++) {
      difference |= left.charCodeAt(index) ^ right.charCodeAt(index);
    }
    return difference === 0;
  }
  for (let index = 0; index < a.length; index++) {
    difference |= (a[index] as number) ^ (b[index] as number);
  }
  return difference === 0;
}
