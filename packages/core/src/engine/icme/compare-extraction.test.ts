import { describe, expect, it } from 'vitest';
import { compareExtraction, describeMismatches } from './compare-extraction';
import { parseSmtVariables } from './parse-smt-variables';

const icmeVariables = new Map(
  parseSmtVariables(
    '; var amount (Real): x\n; var count (Int): y\n; var flag (Bool): z\n; var dest (Int): Dest_A = 0, Dest_B = 1',
  ).map((variable) => [variable.name, variable]),
);
const expected = { amount: 1234.56, count: 3, flag: true, dest: 1 };

describe('compareExtraction', () => {
  it('accepts matching values, Real within a small relative tolerance, and ignores extras', () => {
    expect(
      compareExtraction({
        expected,
        extracted: { amount: 1234.560000000001, count: 3, flag: true, dest: 1, other: 9 },
        icmeVariables,
      }),
    ).toEqual([]);
  });

  it('reports missing, null, different and wrongly typed values', () => {
    const mismatches = compareExtraction({
      expected,
      extracted: { amount: 1234.6, count: null, flag: 1, dest: 0 },
      icmeVariables,
    });
    expect(mismatches).toEqual([
      { variable: 'amount', sent: 1234.56, extracted: 1234.6 },
      { variable: 'count', sent: 3, missing: true },
      { variable: 'flag', sent: true, extracted: 1 },
      { variable: 'dest', sent: 1, extracted: 0 },
    ]);
    expect(describeMismatches(mismatches)).toBe(
      'amount sent 1234.56, extracted 1234.6; count sent 3, extracted nothing; flag sent true, extracted 1; dest sent 1, extracted 0',
    );
  });

  it('compares Int exactly, unknown sorts exactly for integers, and every value with no extracted', () => {
    expect(
      compareExtraction({
        expected: { count: 3 },
        extracted: { count: 3.0000000001 },
        icmeVariables,
      }),
    ).toHaveLength(1);
    expect(compareExtraction({ expected: { n: 0.1 + 0.2 }, extracted: { n: 0.3 } })).toEqual([]);
    expect(compareExtraction({ expected: { n: 2 }, extracted: { n: '2' } })).toHaveLength(1);
    expect(compareExtraction({ expected, extracted: undefined })).toHaveLength(4);
  });

  it('keeps an untrusted extracted value short in the reason', () => {
    const text = describeMismatches([{ variable: 'x', sent: 1, extracted: 'y'.repeat(500) }]);
    expect(text.length).toBeLessThan(90);
  });
});
