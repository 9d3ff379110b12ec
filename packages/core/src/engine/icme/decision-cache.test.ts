import { describe, expect, it } from 'vitest';
import { createDecisionCache } from './decision-cache';

describe('createDecisionCache', () => {
  it('caches values that shouldCache accepts, until the TTL ends', async () => {
    let now = 0;
    const cache = createDecisionCache<string>({ ttlMs: 100, now: () => now });
    let runs = 0;
    const compute = async () => `v${++runs}`;
    expect(await cache.getOrCompute('k', compute, () => true)).toEqual({ value: 'v1', hit: false });
    expect(await cache.getOrCompute('k', compute, () => true)).toEqual({ value: 'v1', hit: true });
    now = 100;
    expect(await cache.getOrCompute('k', compute, () => true)).toEqual({ value: 'v2', hit: false });
    expect(await cache.getOrCompute('x', compute, () => false)).toEqual({
      value: 'v3',
      hit: false,
    });
    expect(cache.get('x')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond the bound', async () => {
    const cache = createDecisionCache<number>({ maxEntries: 2 });
    await cache.getOrCompute(
      'a',
      async () => 1,
      () => true,
    );
    await cache.getOrCompute(
      'b',
      async () => 2,
      () => true,
    );
    cache.get('a'); // a is now the most recent
    await cache.getOrCompute(
      'c',
      async () => 3,
      () => true,
    );
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
  });

  it('shares one computation between concurrent lookups and never caches rejections', async () => {
    const cache = createDecisionCache<number>();
    let runs = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 5));
    const results = await Promise.all(
      [1, 2, 3].map(() => cache.getOrCompute('k', slow, () => true)),
    );
    expect(runs).toBe(1);
    expect(results.map((r) => r.hit)).toEqual([false, true, true]);
    await expect(
      cache.getOrCompute(
        'e',
        () => Promise.reject(new Error('x')),
        () => true,
      ),
    ).rejects.toThrow('x');
    await expect(
      cache.getOrCompute(
        'e',
        async () => 7,
        () => true,
      ),
    ).resolves.toEqual({ value: 7, hit: false });
  });

  it('maxEntries 0 disables caching', async () => {
    const cache = createDecisionCache<number>({ maxEntries: 0 });
    await cache.getOrCompute(
      'k',
      async () => 1,
      () => true,
    );
    expect(cache.size).toBe(0);
  });
});
