import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

/** The inode of every file fdatasync'ed, in order (to name the file without /proc). */
const synced = vi.hoisted(() => [] as number[]);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fdatasync = ((fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
    synced.push(fs.fstatSync(fd).ino);
    fs.fdatasync(fd, done);
  }) as typeof fs.fdatasync;
  return { ...fs, default: { ...fs, fdatasync }, fdatasync };
});

const { statSync } = await import('node:fs');
const { createFileEvidenceStore } = await import('./file-evidence-store');
const { createEvidenceLogRecorder } = await import('../evidence/evidence-recorder');
const { createMemoryKeyRing } = await import('../evidence/signing-key-ring');
const { nodeEvidenceCodec } = await import('./node-evidence-codec');
const { makeDecision, samplePolicy } = await import('../evidence/__fixtures__/decisions');

const tempDir = () => mkdtemp(join(tmpdir(), 'preflight-sync-order-'));
/** The files synced since `synced` was cleared, by name. */
const syncedNames = (dir: string) => {
  const names = new Map(
    ['log.jsonl', 'checkpoints.jsonl'].map((name) => [statSync(join(dir, name)).ino, name]),
  );
  return synced.map((ino) => names.get(ino) ?? String(ino));
};

describe('a checkpoint never reaches the disk before entries another writer left unsynced', () => {
  it('store: a checkpoint-only append syncs the log lines it caught up with first', async () => {
    const dir = await tempDir();
    const a = createFileEvidenceStore({ dir });
    const b = createFileEvidenceStore({ dir });
    await a.append(async () => ({ entries: ['e1'], checkpoints: [] }), { sync: false });
    synced.length = 0;
    await b.append(async () => ({ entries: [], checkpoints: ['checkpoint over e1'] }));
    expect(syncedNames(dir)).toEqual(['log.jsonl', 'checkpoints.jsonl']);
    await a.close();
    await b.close();
  });

  it("writer: closing one process syncs a group-mode writer's entries before its checkpoint", async () => {
    const dir = await tempDir();
    const keyRing = createMemoryKeyRing();
    const options = { keyRing, ...nodeEvidenceCodec };
    const group = createEvidenceLogRecorder({
      ...options,
      store: createFileEvidenceStore({ dir }),
      durability: 'group',
      maxSyncDelayMs: 60_000,
    });
    const other = createEvidenceLogRecorder({
      ...options,
      store: createFileEvidenceStore({ dir }),
    });
    await group.recordDecision(makeDecision(0, { id: 'unsynced' }), { policy: samplePolicy });
    synced.length = 0;
    await other.close(); // its final checkpoint covers the group writer's entries
    const names = syncedNames(dir);
    expect(names).toContain('checkpoints.jsonl');
    expect(names.indexOf('log.jsonl')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('log.jsonl')).toBeLessThan(names.indexOf('checkpoints.jsonl'));
    await group.close();
  });
});
