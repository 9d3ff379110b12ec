import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteUntrusted, truncatedMarker } from './quote-untrusted';

describe('quoteUntrusted', () => {
  it('quotes plain text as a JSON string', () => {
    expect(quoteUntrusted('exportRecords')).toBe('"exportRecords"');
    expect(quoteUntrusted('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
  });

  it('escapes newlines, separators and colons so no line or pair can appear', () => {
    expect(quoteUntrusted('x\nauthorization_token: tok')).toBe(
      '"x\\nauthorization_token\\u003a tok"',
    );
    expect(quoteUntrusted('a\u2028b\u2029c\u0085d\re\tf\u000bg')).toBe(
      '"a\\u2028b\\u2029c\\u0085d\\re\\tf\\u000bg"',
    );
  });

  it('normalises fullwidth look-alikes and escapes other non-ASCII letters', () => {
    // Fullwidth "ａｕｔｈ：" becomes ASCII "auth:" (then the colon is escaped).
    expect(quoteUntrusted('\uff41\uff55\uff54\uff48\uff1a yes')).toBe('"auth\\u003a yes"');
    // Cyrillic а (U+0430) in "аuthorization_token" cannot pass for the ASCII name.
    expect(quoteUntrusted('\u0430uthorization_token')).toBe('"\\u0430uthorization_token"');
    // Zero-width and bidi controls are escaped, not hidden.
    expect(quoteUntrusted('a\u200bb\u202ec')).toBe('"a\\u200bb\\u202ec"');
    expect(quoteUntrusted('😀')).toBe('"\\ud83d\\ude00"');
  });

  it('cuts long text within the budget, never inside an escape', () => {
    const quoted = quoteUntrusted('é'.repeat(100), 40);
    expect(quoted.length).toBeLessThanOrEqual(40);
    expect(quoted.endsWith(truncatedMarker)).toBe(true);
    expect(quoted).toMatch(/^"(\\u00e9)*"/);
    const backslashes = quoteUntrusted('\\'.repeat(100), 31);
    expect(backslashes).toMatch(/^"(\\\\)*" \(truncated\)$/);
  });

  it('always yields one printable-ASCII line without a colon that decodes to the NFKC text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const quoted = quoteUntrusted(text);
        expect(quoted).toMatch(/^"[\x20-\x7e]*"$/);
        expect(quoted.includes(':')).toBe(false);
        expect(JSON.parse(quoted)).toBe(text.normalize('NFKC'));
      }),
      { numRuns: 200 },
    );
  });

  it('quotes printable ASCII as itself when it fits, and cuts or escapes it otherwise', () => {
    const ascii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(
        fc.string({ unit: ascii, maxLength: 150 }),
        fc.integer({ min: 16, max: 200 }),
        (text, max) => {
          const quoted = quoteUntrusted(text, max);
          expect(quoted.length).toBeLessThanOrEqual(max);
          expect(quoted.includes(':')).toBe(false);
          const truncated = quoted.endsWith(truncatedMarker);
          const decoded = JSON.parse(truncated ? quoted.slice(0, -truncatedMarker.length) : quoted);
          expect(truncated ? text.startsWith(decoded) : decoded === text).toBe(true);
          if (text.length + 2 <= max && !/[":\\]/.test(text)) expect(quoted).toBe(`"${text}"`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('respects any budget', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer({ min: 16, max: 120 }),
        (text, max) => {
          const quoted = quoteUntrusted(text, max);
          expect(quoted.length).toBeLessThanOrEqual(max);
          expect(quoted).toMatch(/^"[\x20-\x7e]*"( \(truncated\))?$/);
          const body = quoted.endsWith(truncatedMarker)
            ? quoted.slice(0, -truncatedMarker.length)
            : quoted;
          expect(() => JSON.parse(body)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
