import { describe, expect, it } from 'vitest';
import { testClock } from './__fixtures__/approval-fixtures';
import { createMemoryReplayStore } from './replay-store';

describe('createMemoryReplayStore', () => {
  it('accepts an id once until it expires, then forgets it', async () => {
    const clock = testClock();
    const store = createMemoryReplayStore({ now: clock.now });
    const expiresAt = Math.floor(clock.now().getTime() / 1000) + 60;
    expect(await store.consume('a', expiresAt)).toBe(true);
    expect(await store.consume('a', expiresAt)).toBe(false);
    expect(await store.consume('b', expiresAt)).toBe(true);
    clock.advance(60);
    expect(await store.consume('a', expiresAt)).toBe(false);
    clock.advance(1);
    // Both entries expired: swept, so memory stays bounded by the tokens still valid.
    expect(await store.consume('c', expiresAt + 120)).toBe(true);
    expect(store.size).toBe(1);
  });
});
