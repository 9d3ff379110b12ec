import { describe, expect, it } from 'vitest';
import { createMemorySessionStore } from './memory-session-store';

describe('createMemorySessionStore', () => {
  it('counts pending reservations in the totals others see', async () => {
    const store = createMemorySessionStore();
    const first = await store.reserve('s', { session_record_count: 4 });
    const second = await store.reserve('s', { session_record_count: 3 });
    expect(first.totalsBefore).toEqual({});
    expect(second.totalsBefore).toEqual({ session_record_count: 4 });
    expect(await store.totals('s')).toEqual({ session_record_count: 7 });
    expect(await store.totals('other')).toEqual({});
  });

  it('commits and releases, idempotently', async () => {
    const store = createMemorySessionStore();
    const kept = await store.reserve('s', { n: 5 });
    const dropped = await store.reserve('s', { n: 2 });
    await store.commit(kept);
    await store.commit(kept);
    await store.release(dropped);
    await store.release(dropped);
    await store.commit(dropped);
    expect(await store.totals('s')).toEqual({ n: 5 });
    const next = await store.reserve('s', { n: 1 });
    expect(next.totalsBefore).toEqual({ n: 5 });
  });

  it('keeps sessions apart', async () => {
    const store = createMemorySessionStore();
    await store.commit(await store.reserve('a', { n: 3 }));
    expect((await store.reserve('b', { n: 1 })).totalsBefore).toEqual({});
  });

  it('sees every concurrent reservation (atomic reserve)', async () => {
    const store = createMemorySessionStore();
    const reservations = await Promise.all(
      Array.from({ length: 50 }, () => store.reserve('s', { n: 1 })),
    );
    const befores = reservations.map((r) => r.totalsBefore['n'] ?? 0).sort((a, b) => a - b);
    expect(befores).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
