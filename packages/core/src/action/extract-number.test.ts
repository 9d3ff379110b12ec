import { describe, expect, it } from 'vitest';
import { extractNumber } from './extract-number';

describe('extractNumber', () => {
  it('reads digits, commas, decimals, currencies and scales', () => {
    expect(extractNumber('240')).toBe(240);
    expect(extractNumber('$12,500')).toBe(12500);
    expect(extractNumber('$9,999.99')).toBe(9999.99);
    expect(extractNumber('USD 12,500')).toBe(12500);
    expect(extractNumber('12500 dollars')).toBe(12500);
    expect(extractNumber('$2.5k')).toBe(2500);
    expect(extractNumber('3 million')).toBe(3_000_000);
    expect(extractNumber('twelve')).toBe(12);
  });

  it('refuses what it cannot read rather than guessing', () => {
    expect(extractNumber('about twelve-ish')).toBeUndefined();
    expect(extractNumber('$2.5q')).toBeUndefined();
    expect(extractNumber('')).toBeUndefined();
  });
});
