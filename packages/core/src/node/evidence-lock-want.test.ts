import { existsSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvidenceLock } from './evidence-file-lock';
import { signalWant, someoneWaits, withdrawWant } from './evidence-lock-want';

const lockPath = () => join(mkdtempSync(join(tmpdir(), 'preflight-want-')), '.lock');

describe('the lock request file', () => {
  it('says whether someone waits, and forgets a stale request', () => {
    const path = lockPath();
    expect(someoneWaits(path, 30_000)).toBe(false);
    signalWant(path);
    expect(someoneWaits(path, 30_000)).toBe(true);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.want`, old, old);
    expect(someoneWaits(path, 30_000)).toBe(false);
    expect(existsSync(`${path}.want`)).toBe(false);
    signalWant(path);
    withdrawWant(path);
    expect(someoneWaits(path, 30_000)).toBe(false);
  });

  it('a writer that has to wait asks for the lock, and withdraws once it has it', async () => {
    const path = lockPath();
    const holder = createEvidenceLock(path);
    const waiter = createEvidenceLock(path);
    const release = await holder.acquire();
    let acquired = false;
    const waiting = waiter.acquire().then((releaseWaiter) => {
      acquired = true;
      return releaseWaiter;
    });
    while (!someoneWaits(path, 30_000)) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(acquired).toBe(false);
    release();
    const releaseWaiter = await waiting;
    expect(someoneWaits(path, 30_000)).toBe(false);
    releaseWaiter();
    holder.dispose();
    waiter.dispose();
  });
});
