import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64UrlDecode } from '../crypto/base64url';
import { nodeBase64UrlDecode } from './node-base64url';

describe('nodeBase64UrlDecode', () => {
  it('agrees with the portable strict decoder on random and malformed text', () => {
    const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
    const noise = fc.constantFrom(...alphabet, '+', '/', '=', ' ', '\n', '$', '\u0141', '\u00e9');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(noise, { maxLength: 60 }).map((chars) => chars.join('')),
          fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
        ),
        (text) => {
          const portable = base64UrlDecode(text);
          const native = nodeBase64UrlDecode(text);
          expect(native === undefined, JSON.stringify(text)).toBe(portable === undefined);
          if (portable && native) expect([...native]).toEqual([...portable]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses the lenient forms node:buffer would accept', () => {
    for (const bad of ['QU+D', 'QU/D', 'QUJ=', 'QU$JD', '\u0141UJD', 'QUJDRB', 'QUJ'])
      expect(nodeBase64UrlDecode(bad), bad).toBeUndefined();
    expect([...(nodeBase64UrlDecode('QUJD') ?? [])]).toEqual([65, 66, 67]);
  });
});
