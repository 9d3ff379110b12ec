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
