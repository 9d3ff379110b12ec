import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64UrlDecode, base64UrlEncode } from './base64url';

describe('base64url', () => {
  it('matches node:buffer on random bytes, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const expected = Buffer.from(bytes).toString('base64url');
        expect(base64UrlEncode(bytes)).toBe(expected);
        expect([...(base64UrlDecode(expected) ?? [])]).toEqual([...bytes]);
      }),
    );
  });

  it('encodes strings as UTF-8', () => {
    expect(base64UrlEncode('{"a":"é"}')).toBe(Buffer.from('{"a":"é"}').toString('base64url'));
  });

  it('rejects what is not canonical unpadded base64url', () => {
    for (const bad of ['a', 'ab==', 'ab+/', 'ab c', 'ab\u00e9', 'AB'])
      expect(base64UrlDecode(bad), bad).toBeUndefined();
  });
});

describe('base64url strictness', () => {
  it('refuses characters beyond ASCII, even those whose low byte is in the alphabet', () => {
    // U+0141 has low byte 0x41 ('A'); U+0100 + '-' would alias '-' through a byte table.
    for (const bad of ['\u0141AAA', 'AA\u012dA', 'AAAA\u0141A', '\ud800AAA'])
      expect(base64UrlDecode(bad), JSON.stringify(bad)).toBeUndefined();
  });

  it('decodes exactly the canonical encodings of random strings', () => {
    const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
    const noise = fc.constantFrom(...alphabet, '+', '/', '=', ' ', '\n', '\u0141', '\u00e9');
    fc.assert(
      fc.property(fc.array(noise, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        const decoded = base64UrlDecode(text);
        // Accepted exactly when it is the one encoding node:buffer gives for its bytes.
        const canonical =
          text.length % 4 !== 1 &&
          /^[A-Za-z0-9_-]*$/.test(text) &&
          Buffer.from(Buffer.from(text, 'base64url')).toString('base64url') === text;
        expect(decoded !== undefined).toBe(canonical);
        if (decoded) expect(Buffer.from(decoded).toString('base64url')).toBe(text);
      }),
    );
  });
});
