import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// A filesystem without hard links (some network and FUSE filesystems): link(2) fails with EPERM.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const linkSync: typeof fs.linkSync = () => {
    throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
  };
  return { ...fs, default: { ...fs, linkSync }, linkSync };
});

const { createEvidenceLock } = await import('./evidence-file-lock');
const { makeDecision, samplePolicy } = await import('../evidence/__fixtures__/decisions');
const { verifyEvidence } = await import('../evidence/verify-evidence');
const { createEvidenceRecorder } = await import('./create-evidence-recorder');

const tempDir = () => mkdtemp(join(tmpdir(), 'preflight-lock-nolink-'));

describe('evidence file lock without hard links', () => {
  it('falls back to an O_EXCL lock file holding the owner record', async () => {
    const dir = await tempDir();
    const path = join(dir, '.lock');
    const first = createEvidenceLock(path);
    const release = await first.acquire();
    // No owner file is left behind: the lock file itself holds the record.
    expect(await readdir(dir)).toEqual(['.lock']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
      pid: process.pid,
      host: hostname(),
      acquisition: expect.any(Number),
    });
    const second = createEvidenceLock(path, { timeoutMs: 50 });
    await expect(second.acquire()).rejects.toMatchObject({ code: 'EVIDENCE_LOCKED' });
    release();
    expect(await readdir(dir)).toEqual([]);
    (await second.acquire())();
    first.dispose();
    second.dispose();
  });

  it('releases only its own lock file and breaks one whose holder died', async () => {
    const dir = await tempDir();
    const path = join(dir, '.lock');
    const lock = createEvidenceLock(path);
    const release = await lock.acquire();
    // Someone judged it stale and another writer created a lock file of its own meanwhile.
    await rename(path, join(dir, 'moved-aside'));
    await writeFile(path, JSON.stringify({ pid: 1, host: 'elsewhere', token: 'x' }));
    release();
    expect(JSON.parse(await readFile(path, 'utf8')).token).toBe('x');
    await unlink(join(dir, 'moved-aside'));
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    await writeFile(path, JSON.stringify({ pid: dead, host: hostname(), token: 'dead' }));
    const again = await lock.acquire();
    expect(JSON.parse(await readFile(path, 'utf8')).pid).toBe(process.pid);
    again();
    lock.dispose();
  });

  it('every append still works: a recorder on such a filesystem writes a log that verifies', async () => {
    const dir = await tempDir();
    const recorder = createEvidenceRecorder({ dir });
    for (let index = 0; index < 3; index++) {
      await recorder.recordDecision(makeDecision(index), { policy: samplePolicy });
    }
    await recorder.close();
    const lines = async (name: string) =>
      (await readFile(join(dir, name), 'utf8')).split('\n').filter(Boolean);
    const report = await verifyEvidence({
      entries: await lines('log.jsonl'),
      checkpoints: await lines('checkpoints.jsonl'),
    });
    expect(report.failure).toBeNull();
    expect(report.decisions.total).toBe(3);
    expect((await readdir(dir)).filter((name) => name.startsWith('.lock'))).toEqual([]);
  });
});
