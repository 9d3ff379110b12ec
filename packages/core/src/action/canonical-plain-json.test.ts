import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digestJson } from '../crypto';
import { canonicalPlainJson } from './canonical-plain-json';
import { argsDigestTag, type JsonValue, validateArgs } from './validate-args';

describe('canonicalPlainJson', () => {
  it('writes exactly what canonicalJson writes, on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalPlainJson(value as JsonValue)).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('orders keys by UTF-16 code units and escapes like JSON.stringify', () => {
    const value = {
      b: 1,
      a: [true, null, -0, 1e21, 0.1],
      é: 'x',
      '\ud83d\ude00': '\u2028',
      Z: '\ud800',
    };
    expect(canonicalPlainJson(value)).toBe(canonicalJson(value));
  });

  it('refuses what JSON cannot say', () => {
    expect(() => canonicalPlainJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalPlainJson([Number.POSITIVE_INFINITY])).toThrow(TypeError);
    expect(() => canonicalPlainJson({ a: undefined } as unknown as JsonValue)).toThrow(TypeError);
  });

  it('keeps the args digest byte for byte (what approval tokens bind to)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), (args) => {
        const validated = validateArgs(args);
        expect(validated.ok && validated.digest).toBe(digestJson(argsDigestTag, args));
      }),
      { numRuns: 300 },
    );
  });
});
