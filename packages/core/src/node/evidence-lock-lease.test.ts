import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EvidenceLock } from './evidence-file-lock';
import { createEvidenceLockLease } from './evidence-lock-lease';

afterEach(() => {
  vi.useRealTimers();
});

/** A lock that counts acquisitions and releases. */
function countingLock() {
  const counts = { acquired: 0, released: 0 };
  const lock: EvidenceLock = {
    acquire: async () => {
      counts.acquired++;
      return () => {
        counts.released++;
      };
    },
    dispose: () => {},
  };
  return { lock, counts };
}

describe('createEvidenceLockLease', () => {
  it('keeps the lock between back-to-back appends and lets it go once idle', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { lock, counts } = countingLock();
    const lease = createEvidenceLockLease(lock, { idleMs: 1, maxHoldMs: 50 });
    const first = await lease.acquire();
    expect(first.continued).toBe(false);
    first.release(true);
    const second = await lease.acquire();
    expect(second.continued).toBe(true); // nobody else can have appended in between
    second.release(true);
    expect(counts).toEqual({ acquired: 1, released: 0 });
    vi.advanceTimersByTime(1);
    expect(counts).toEqual({ acquired: 1, released: 1 });
    expect((await lease.acquire()).continued).toBe(false);
  });

  it('lets go at once after a failed append, when someone waits, and after maxHoldMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { lock, counts } = countingLock();
    let waiting = false;
    const lease = createEvidenceLockLease(lock, {
      idleMs: 1,
      maxHoldMs: 5,
      contended: () => waiting,
    });
    (await lease.acquire()).release(false);
    expect(counts.released).toBe(1);
    waiting = true;
    (await lease.acquire()).release(true);
    expect(counts.released).toBe(2);
    waiting = false;
    const held = await lease.acquire();
    vi.advanceTimersByTime(5); // a long append
    held.release(true);
    expect(counts).toEqual({ acquired: 3, released: 3 });
  });

  it('drop() gives a kept lock up (close)', async () => {
    const { lock, counts } = countingLock();
    const lease = createEvidenceLockLease(lock);
    (await lease.acquire()).release(true);
    lease.drop();
    lease.drop();
    expect(counts).toEqual({ acquired: 1, released: 1 });
  });
});
