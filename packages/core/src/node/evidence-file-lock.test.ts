import { spawnSync } from 'node:child_process';
import {
  link,
  mkdtemp,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breakStaleLock } from './break-stale-lock';
import { createEvidenceLock } from './evidence-file-lock';
import { readLockOwner } from './evidence-lock-owner';

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

  it('writes a fresh fixed-width owner record for every acquisition', async () => {
    const dir = await tempDir();
    const path = join(dir, '.lock');
    const lock = createEvidenceLock(path);
    let release = await lock.acquire();
    const first = readLockOwner(path);
    const size = (await stat(path)).size;
    release();
    release = await lock.acquire();
    const second = readLockOwner(path);
    expect(first).toMatchObject({ pid: process.pid, host: hostname(), acquisition: 1 });
    expect(second).toEqual({ ...first, acquisition: 2 });
    // Rewritten in place at the same width: no stale bytes of a longer record remain.
    expect((await stat(path)).size).toBe(size);
    release();
    lock.dispose();
  });

  it("a breaker that judged an earlier hold stale puts the same holder's fresh hold back", async () => {
    const dir = await tempDir();
    const path = join(dir, '.lock');
    const lock = createEvidenceLock(path);
    let release = await lock.acquire();
    // Another host judges this hold stale (same token, acquisition 1)...
    const judged = readLockOwner(path);
    // ...while the holder releases and takes the lock again (same owner file, same token).
    release();
    release = await lock.acquire();
    breakStaleLock(path, judged);
    expect(readLockOwner(path)).toMatchObject({ token: judged?.token, acquisition: 2 });
    expect((await readdir(dir)).filter((name) => name.includes('.stale-'))).toEqual([]);
    // Still the holder's inode: its release removes it.
    release();
    expect(await readdir(dir)).not.toContain('.lock');
    // The hold that was judged is broken when it is still the one there.
    release = await lock.acquire();
    breakStaleLock(path, readLockOwner(path));
    expect(await readdir(dir)).not.toContain('.lock');
    release();
    lock.dispose();
  });

  it('takes its own lock again when a breaker put it back after it was released', async () => {
    const dir = await tempDir();
    const path = join(dir, '.lock');
    const lock = createEvidenceLock(path);
    const release = await lock.acquire();
    // A breaker moves the lock aside, the holder releases (finds nothing to remove), and the
    // breaker, seeing a hold it did not judge, puts it back.
    await rename(path, join(dir, 'aside'));
    release();
    await link(join(dir, 'aside'), path);
    await unlink(join(dir, 'aside'));
    const again = await lock.acquire();
    expect(readLockOwner(path)).toMatchObject({ pid: process.pid, acquisition: 2 });
    again();
    expect(await readdir(dir)).not.toContain('.lock');
    lock.dispose();
  });
});
