import type { Decision, Guard } from '@preflight/core';
import { describe, expect, it, vi } from 'vitest';
import { createDecisionCache } from './decision-cache';

const decision = (allowed: boolean) => ({ id: crypto.randomUUID(), allowed }) as Decision;

function fakeGuard() {
  return { settle: vi.fn(async () => {}) } as unknown as Guard & {
    settle: ReturnType<typeof vi.fn>;
  };
}

describe('decision cache', () => {
  it('gives a decision back only for the same tool and input, once', () => {
    const guard = fakeGuard();
    const cache = createDecisionCache(guard, 10);
    const made = Promise.resolve(decision(true));
    cache.put('updateRecord', 'c1', { id: 1 }, made);
    expect(cache.peek('updateRecord', 'c1', { id: 2 })).toBeUndefined();
    expect(cache.peek('exportRecords', 'c1', { id: 1 })).toBeUndefined();
    expect(cache.take('updateRecord', 'c1', { id: 1 })).toBe(made);
    expect(cache.take('updateRecord', 'c1', { id: 1 })).toBeUndefined();
  });

  it('is bounded: the oldest goes first, and an allowed one that never ran is released', async () => {
    const guard = fakeGuard();
    const cache = createDecisionCache(guard, 2);
    const first = decision(true);
    cache.put('t', 'a', {}, Promise.resolve(first));
    cache.put('t', 'b', {}, Promise.resolve(decision(false)));
    cache.put('t', 'c', {}, Promise.resolve(decision(true)));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.peek('t', 'a', {})).toBeUndefined();
    expect(cache.peek('t', 'c', {})).toBeDefined();
    expect(guard.settle).toHaveBeenCalledWith(first, { ran: false, ok: false });
  });

  it('never caches input it cannot fingerprint', () => {
    const cache = createDecisionCache(fakeGuard(), 2);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    cache.put('t', 'a', cyclic, Promise.resolve(decision(true)));
    expect(cache.peek('t', 'a', cyclic)).toBeUndefined();
  });
});
