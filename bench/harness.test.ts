import { describe, expect, it } from 'vitest';
import { cycle, measure, measureAsync, quantile, summarize } from './harness';
import { buildReport, formatRatio, toResultRows } from './report';

describe('quantile', () => {
  it('gives the middle sample of an odd count and interpolates an even count', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it('interpolates p99 between the two nearest ranks (R-7)', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    // position = 99 * 0.99 = 98.01 -> 99 + 0.01 * (100 - 99)
    expect(quantile(samples, 0.99)).toBeCloseTo(99.01, 10);
    expect(quantile(samples, 0)).toBe(1);
    expect(quantile(samples, 1)).toBe(100);
  });

  it('returns the only sample for any quantile and rejects bad input', () => {
    expect(quantile([7], 0.99)).toBe(7);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('converts nanoseconds to microseconds and ignores sample order', () => {
    const samples = [5000, 1000, 3000, 2000, 4000]; // ns
    const result = summarize(samples, 10);
    expect(result.median_us).toBe(3);
    expect(result.p99_us).toBeCloseTo(4.96, 10); // 4000 + 0.96 * 1000 ns
    expect(result.mean_us).toBe(3);
    expect(result).toMatchObject({ batch: 10, samples: 5 });
  });

  it('puts a single outlier in p99 but not in the median', () => {
    const samples = [...Array.from({ length: 999 }, () => 100), 1_000_000];
    const result = summarize(samples);
    expect(result.median_us).toBe(0.1);
    expect(result.p99_us).toBe(0.1);
    expect(summarize([...samples.slice(0, 980), ...Array(20).fill(50_000)]).p99_us).toBe(50);
  });
});

describe('measure', () => {
  it('runs the function, batches fast calls and takes the requested samples', () => {
    let calls = 0;
    const result = measure(
      () => {
        calls++;
      },
      { samples: 50, warmupMs: 0 },
    );
    expect(result.samples).toBe(50);
    expect(result.batch).toBeGreaterThan(1);
    expect(calls).toBeGreaterThanOrEqual(200 + 50 * result.batch);
    expect(result.p99_us).toBeGreaterThanOrEqual(result.median_us);
  });

  it('times every call on its own when minSampleNs is 0', async () => {
    const result = await measureAsync(async () => 1, { samples: 20, warmupMs: 0, minSampleNs: 0 });
    expect(result).toMatchObject({ batch: 1, samples: 20 });
  });
});

describe('report', () => {
  it('computes ratio = ours / baseline from medians and checks targets', () => {
    const report = buildReport([
      { name: 'z3', median_us: 2000, p99_us: 3000, baseline: null },
      {
        name: 'ours',
        median_us: 0.1,
        p99_us: 0.3,
        baseline: 'z3',
        target: { maxRatio: 1e-4, label: '>= 10,000x faster' },
      },
      { name: 'orphan', median_us: 1, p99_us: 1, baseline: 'missing' },
    ]);
    expect(report.map((row) => row.ratio)).toEqual([null, 0.1 / 2000, null]);
    expect(report.map((row) => row.met)).toEqual([null, true, null]);
    expect(toResultRows(report)[1]).toEqual({
      name: 'ours',
      median_us: 0.1,
      p99_us: 0.3,
      baseline: 'z3',
      ratio: 0.00005,
    });
    expect(formatRatio(0.00005)).toBe('1/20,000');
    expect(formatRatio(2)).toBe('2.0x');
  });
});

describe('cycle', () => {
  it('yields items in turn, forever', () => {
    const next = cycle(['a', 'b']);
    expect([next(), next(), next()]).toEqual(['a', 'b', 'a']);
  });
});
