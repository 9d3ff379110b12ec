import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeferredSync } from './deferred-sync';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A deferred sync (delay 5) whose syncs each wait for `finish`; `starts` has their start times. */
function setup() {
  const starts: number[] = [];
  const finishers: Array<() => void> = [];
  const deferred = createDeferredSync({
    delayMs: 5,
    onFailure: () => {},
    now: () => Date.now(),
    sync: () => {
      starts.push(Date.now());
      return new Promise<void>((resolve) => finishers.push(resolve));
    },
  });
  const finish = async () => {
    finishers.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { deferred, starts, finish, t0: Date.now() };
}

describe('deferred sync', () => {
  it('a write made during a long sync gets the next sync as soon as that one ends', async () => {
    const { deferred, starts, finish, t0 } = setup();
    deferred.written();
    await vi.advanceTimersByTimeAsync(5);
    expect(starts).toEqual([t0 + 5]);
    await vi.advanceTimersByTimeAsync(3);
    deferred.written(); // at t0 + 8, while the sync runs
    await vi.advanceTimersByTimeAsync(37);
    await finish(); // the first sync ends at t0 + 45: the write's 5 ms are long used up
    expect(starts).toEqual([t0 + 5, t0 + 45]);
    await finish();
  });

  it("after a short sync, only what is left of the write's delay is waited for", async () => {
    const { deferred, starts, finish, t0 } = setup();
    deferred.written();
    await vi.advanceTimersByTimeAsync(5);
    await vi.advanceTimersByTimeAsync(1);
    deferred.written(); // at t0 + 6, while the sync runs
    await vi.advanceTimersByTimeAsync(1);
    await finish(); // ends at t0 + 7: 4 of the write's 5 ms are left
    await vi.advanceTimersByTimeAsync(3);
    expect(starts).toEqual([t0 + 5]);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts).toEqual([t0 + 5, t0 + 11]);
    await finish();
  });

  it('a sync that throws synchronously, or is missing, is a failed sync, not an exception', async () => {
    for (const sync of [
      () => {
        throw new Error('EIO');
      },
      undefined as unknown as () => Promise<void>,
    ]) {
      const failures: unknown[] = [];
      const deferred = createDeferredSync({
        sync,
        delayMs: 0,
        onFailure: (cause) => failures.push(cause),
      });
      deferred.written();
      await vi.advanceTimersByTimeAsync(0); // the timer's sync fails without throwing out of it
      expect(failures).toHaveLength(1);
      deferred.written(); // no exception here either
      await expect(deferred.flush()).rejects.toBe(failures[0]);
    }
  });
});
