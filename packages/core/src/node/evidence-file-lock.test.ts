import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvidenceLock } from './evidence-file-lock';

const tempDir = () => mkdtemp(join(tmpdir(), 'preflight-lock-'));

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

describe('evidence file lock', () => {
  it('is taken by a hard link to the holder file and released by removing it', async () => {
    const dir = await tempDir();
    const lock = createEvidenceLock(join(dir, '.lock'));
    const release = await lock.acquire();
    const names = await readdir(dir);
    expect(names).toContain('.lock');
    const holder = JSON.parse(await readFile(join(dir, '.lock'), 'utf8'));
    expect(holder).toMatchObject({ pid: process.pid, host: hostname() });
    expect(names).toContain(`.lock-${holder.token}`);
    release();
    expect(await readdir(dir)).toEqual([`.lock-${holder.token}`]);
    lock.dispose();
    expect(await readdir(dir)).toEqual([]);
  });

  it('makes a second holder wait until the first releases', async () => {
    const dir = await tempDir();
    const first = createEvidenceLock(join(dir, '.lock'));
    const second = createEvidenceLock(join(dir, '.lock'));
    const releaseFirst = await first.acquire();
    let secondHolds = false;
    const waiting = second.acquire().then((release) => {
      secondHolds = true;
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(secondHolds).toBe(false);
    releaseFirst();
    (await waiting)();
    expect(secondHolds).toBe(true);
    first.dispose();
    second.dispose();
  });

  it('times out with EVIDENCE_LOCKED while a live holder keeps it', async () => {
    const dir = await tempDir();
    const holder = createEvidenceLock(join(dir, '.lock'));
    await holder.acquire();
    const waiter = createEvidenceLock(join(dir, '.lock'), { timeoutMs: 50 });
    await expect(waiter.acquire()).rejects.toMatchObject({ code: 'EVIDENCE_LOCKED' });
  });

  it('does not remove a lock that is no longer its own', async () => {
    const dir = await tempDir();
    const lock = createEvidenceLock(join(dir, '.lock'));
    const release = await lock.acquire();
    // Someone judged us stale and another writer took the lock meanwhile.
    await rename(join(dir, '.lock'), join(dir, 'moved-aside'));
    await writeFile(join(dir, '.lock'), JSON.stringify({ pid: 1, host: 'elsewhere', token: 'x' }));
    release();
    expect(JSON.parse(await readFile(join(dir, '.lock'), 'utf8')).token).toBe('x');
  });

  it('breaks a lock whose holder died and sweeps holder files of dead processes', async () => {
    const dir = await tempDir();
    const dead = { pid: deadPid(), host: hostname(), token: 'dead-token' };
    await writeFile(join(dir, `.lock-${dead.token}`), JSON.stringify(dead));
    await writeFile(join(dir, '.lock-other-host'), JSON.stringify({ ...dead, host: 'elsewhere' }));
    await writeFile(join(dir, '.lock'), JSON.stringify(dead));
    const lock = createEvidenceLock(join(dir, '.lock'));
    // The dead holder's file went at creation; the other host's cannot be judged and stays.
    expect(await readdir(dir)).not.toContain(`.lock-${dead.token}`);
    expect(await readdir(dir)).toContain('.lock-other-host');
    const release = await lock.acquire();
    expect(JSON.parse(await readFile(join(dir, '.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    lock.dispose();
  });
});
