import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

/** RFC 8785 written out plainly (members sorted by UTF-16 code units), to hold the fast one to. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `${JSON.stringify(key)}:${reference(record[key])}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('writes RFC 8785 for any JSON value, including members that are undefined', () => {
    const withUndefined = fc.dictionary(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)),
      { maxKeys: 10 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), withUndefined), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('matches the RFC 8785 examples for member order and numbers', () => {
    expect(
      canonicalJson({ '\u20ac': 'Euro', '\r': 'CR', '\ud83d\ude00': 'smiley', '1': 'One' }),
    ).toBe('{"\\r":"CR","1":"One","\u20ac":"Euro","\ud83d\ude00":"smiley"}');
    expect(canonicalJson([-0, 1e21, 1e-7, 333333333.3333333, 4.5])).toBe(
      '[0,1e+21,1e-7,333333333.3333333,4.5]',
    );
  });

  it('refuses what is not plain JSON, cycles included, but accepts shared subtrees', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { inner: cycle };
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
    for (const bad of [
      cycle,
      [Number.NaN],
      { n: Number.POSITIVE_INFINITY },
      new Date(0),
      { f: () => 1 },
      [undefined],
      10n,
      Symbol('s'),
    ]) {
      expect(() => canonicalJson(bad)).toThrow(/Cannot canonicalize/);
    }
  });

  it('handles values nested deeper than the cycle search starts', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 200; level++) deep = level % 2 ? [deep] : { d: deep };
    expect(canonicalJson(deep)).toBe(reference(deep));
  });
});
