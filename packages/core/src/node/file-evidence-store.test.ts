import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeDecision, samplePolicy } from '../evidence/__fixtures__/decisions';
import { createEvidenceLogRecorder } from '../evidence/evidence-recorder';
import { parseEntryLine } from '../evidence/parse-entry-line';
import { createMemoryKeyRing } from '../evidence/signing-key-ring';
import { verifyEvidence } from '../evidence/verify-evidence';
import { createEvidenceRecorder } from './create-evidence-recorder';
import { createFileEvidenceStore } from './file-evidence-store';
import { nodeEvidenceCodec } from './node-evidence-codec';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const childScript = join(here, '__fixtures__/evidence-child.ts');

/** Starts a real writer process; `lines` collects its stdout lines as they arrive. */
function startChild(args: string[]): {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffer = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<number | null>((done) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(errors);
      done(code);
    }),
  );
  return { child, lines, exited };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 10));
  }
}

/** Whole lines only, as every reader takes them: a kill -9 can cut the last write short. */
const wholeLines = (text: string) =>
  text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean);
const readDir = async (dir: string) => ({
  entries: wholeLines(await readFile(join(dir, 'log.jsonl'), 'utf8')),
  checkpoints: wholeLines(await readFile(join(dir, 'checkpoints.jsonl'), 'utf8').catch(() => '')),
});
const kinds = (lines: string[]) =>
  lines.map((line) => {
    const p = parseEntryLine(line);
    return p.ok ? p.value.entry : undefined;
  });
const tempDir = () => mkdtemp(join(tmpdir(), 'preflight-evidence-'));

describe('file evidence store', () => {
  it('creates the signing key owner-only and the log verifies after close', async () => {
    const dir = await tempDir();
    const recorder = createEvidenceRecorder({ dir, durability: 'fsync' });
    for (let i = 0; i < 5; i++)
      await recorder.recordDecision(makeDecision(i), { policy: samplePolicy });
    await recorder.close();
    const keyFiles = await readdir(join(dir, 'keys'));
    const privateKey = keyFiles.find((name) => name.endsWith('.private.jwk')) as string;
    expect(((await stat(join(dir, 'keys', privateKey))).mode & 0o777).toString(8)).toBe('600');
    expect(((await stat(join(dir, 'keys'))).mode & 0o777).toString(8)).toBe('700');
    const report = await verifyEvidence(await readDir(dir));
    expect(report.failure).toBeNull();
    expect(report.decisions.total).toBe(5);
    expect(report.uncoveredEntries).toBe(0);
  });

  it('continues an existing log across restarts with the same key', async () => {
    const dir = await tempDir();
    for (let run = 0; run < 3; run++) {
      const recorder = createEvidenceRecorder({ dir });
      await recorder.recordDecision(makeDecision(run, { id: `run-${run}` }), {
        policy: samplePolicy,
      });
      await recorder.close();
    }
    const report = await verifyEvidence(await readDir(dir));
    expect(report.ok).toBe(true);
    expect(report.keys).toHaveLength(1);
    expect(report.entriesByKind['policy-activated']).toBe(1);
  });

  it('refuses a signing key others can read, and rotates keys on disk', async () => {
    const dir = await tempDir();
    const recorder = createEvidenceRecorder({ dir });
    await recorder.recordDecision(makeDecision(0), { policy: samplePolicy });
    await recorder.rotateKey('test rotation');
    await recorder.recordDecision(makeDecision(1), { policy: samplePolicy });
    await recorder.close();
    const files = await readdir(join(dir, 'keys'));
    expect(files.filter((name) => name.endsWith('.private.jwk'))).toHaveLength(1);
    expect(files.filter((name) => name.endsWith('.public.jwk'))).toHaveLength(2);
    const report = await verifyEvidence(await readDir(dir));
    expect(report.failures).toEqual([]);
    expect(report.keys).toHaveLength(2);
    const privateKey = files.find((name) => name.endsWith('.private.jwk')) as string;
    await chmod(join(dir, 'keys', privateKey), 0o644);
    const next = createEvidenceRecorder({ dir });
    await expect(
      next.recordDecision(makeDecision(2), { policy: samplePolicy }),
    ).rejects.toMatchObject({ code: 'KEY_INVALID' });
    await chmod(join(dir, 'keys', privateKey), 0o600);
    await next.recordDecision(makeDecision(3), { policy: samplePolicy });
    await next.close();
    expect((await verifyEvidence(await readDir(dir))).failures).toEqual([]);
  });

  it('group mode: a receipt is in log.jsonl when it resolves, and the deferred sync follows', async () => {
    const dir = await tempDir();
    const store = createFileEvidenceStore({ dir });
    const calls: string[] = [];
    const sync = store.sync.bind(store);
    let synced: () => void = () => {};
    const firstSync = new Promise<void>((resolve) => {
      synced = resolve;
    });
    store.sync = () => {
      calls.push('sync');
      synced();
      return sync();
    };
    const recorder = createEvidenceLogRecorder({
      store,
      keyRing: createMemoryKeyRing(),
      ...nodeEvidenceCodec,
      durability: 'group',
      maxSyncDelayMs: 60_000,
    });
    const ref = await recorder.recordDecision(makeDecision(0, { id: 'written' }), {
      policy: samplePolicy,
    });
    // Resolved before any sync, yet already in the file (a killed process would keep it).
    expect(calls).toEqual([]);
    const { entries } = await readDir(dir);
    expect(kinds(entries)[ref.seq as number]).toMatchObject({
      kind: 'decision',
      receiptId: 'written',
    });
    // close() makes it durable: the final checkpoint is a synced append, then the flush.
    await recorder.close();
    await firstSync;
    expect(calls).toEqual(['sync']);
    expect((await verifyEvidence(await readDir(dir))).failure).toBeNull();
  });

  it('unsynced appends are visible to another writer and made durable by sync()', async () => {
    const dir = await tempDir();
    const first = createFileEvidenceStore({ dir });
    const second = createFileEvidenceStore({ dir });
    await first.append(async () => ({ entries: ['one'], checkpoints: [] }), { sync: false });
    let seen: string[] = [];
    await second.append(
      async (update) => {
        seen = update.entries;
        return { entries: ['two'], checkpoints: [] };
      },
      { sync: false },
    );
    expect(seen).toEqual(['one']);
    await Promise.all([first.sync(), second.sync()]);
    await Promise.all([first.close(), second.close()]);
    expect(await readFile(join(dir, 'log.jsonl'), 'utf8')).toBe('one\ntwo\n');
    // Each store removed its lock owner file; only the log files remain at the top level.
    expect((await readdir(dir)).sort()).toEqual(['checkpoints.jsonl', 'log.jsonl']);
  });

  it('stores proof bytes next to the receipts', async () => {
    const dir = await tempDir();
    const store = createFileEvidenceStore({ dir });
    await store.storeProof('4f0c7a1e-aaaa-bbbb-cccc-000000000001', new Uint8Array([1, 2, 3]));
    expect(await store.listProofs()).toEqual(['4f0c7a1e-aaaa-bbbb-cccc-000000000001']);
    expect([...((await store.readProof('4f0c7a1e-aaaa-bbbb-cccc-000000000001')) ?? [])]).toEqual([
      1, 2, 3,
    ]);
    await expect(store.storeProof('../escape', new Uint8Array([1]))).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
    await store.close();
  });
});

describe('crash safety (real processes, kill -9)', () => {
  for (const durability of ['fsync', 'group'] as const) {
    it(`a writer killed mid-stream (${durability}) leaves a log that verifies and holds every acknowledged receipt`, async () => {
      const dir = await tempDir();
      const { child, lines, exited } = startChild(['append', dir, '100000', 'k', durability]);
      await waitFor(() => lines.filter((l) => l.startsWith('ack')).length >= 40, 'acks');
      child.kill('SIGKILL');
      await exited;
      const acked = lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' ')[2]);
      const before = await readDir(dir);
      const report = await verifyEvidence(before);
      expect(report.failure).toBeNull();
      const ids = new Set(
        kinds(before.entries).flatMap((e) => (e?.kind === 'decision' ? [e.receiptId] : [])),
      );
      for (const id of acked)
        expect(ids.has(id as string), `acknowledged receipt ${id} is in the log`).toBe(true);
      // Restart: the next writer continues the same chain.
      const recorder = createEvidenceRecorder({ dir });
      await recorder.recordDecision(makeDecision(1, { id: 'after-restart' }), {
        policy: samplePolicy,
      });
      await recorder.close();
      expect((await verifyEvidence(await readDir(dir))).ok).toBe(true);
    });
  }

  it('a torn tail is quarantined and recorded on restart, never silently dropped', async () => {
    const dir = await tempDir();
    const { child, lines, exited } = startChild(['torn', dir]);
    await waitFor(() => lines.includes('torn'), 'the torn write');
    child.kill('SIGKILL');
    await exited;
    const raw = await readFile(join(dir, 'log.jsonl'), 'utf8');
    expect(raw.endsWith('\n')).toBe(false);
    // Before restart: every whole entry still verifies.
    expect((await verifyEvidence(await readDir(dir))).ok).toBe(true);
    const recorder = createEvidenceRecorder({ dir });
    await recorder.recordDecision(makeDecision(9, { id: 'after-crash' }), { policy: samplePolicy });
    await recorder.close();
    const after = await readDir(dir);
    expect((await verifyEvidence(after)).failure).toBeNull();
    const quarantined = kinds(after.entries).find((e) => e?.kind === 'tail-quarantined');
    expect(quarantined).toMatchObject({
      kind: 'tail-quarantined',
      length: raw.length - raw.lastIndexOf('\n') - 1,
    });
    const file = quarantined?.kind === 'tail-quarantined' ? quarantined.file : '';
    expect(await readFile(join(dir, file), 'utf8')).toBe(raw.slice(raw.lastIndexOf('\n') + 1));
  });

  it('a lock left by a killed process is broken, a live one is waited for', async () => {
    const dir = await tempDir();
    const holder = startChild(['hold-lock', dir]);
    await waitFor(() => holder.lines.includes('locked'), 'the lock');
    const recorder = createEvidenceRecorder({ dir, timeoutMs: 300 });
    await expect(
      recorder.recordDecision(makeDecision(0), { policy: samplePolicy }),
    ).rejects.toMatchObject({ code: 'EVIDENCE_LOCKED' });
    holder.child.kill('SIGKILL');
    await holder.exited;
    const next = createEvidenceRecorder({ dir });
    await next.recordDecision(makeDecision(1), { policy: samplePolicy });
    await next.close();
    expect((await verifyEvidence(await readDir(dir))).ok).toBe(true);
  });
});

describe('two writers on one directory (real processes)', () => {
  it('interleave without corrupting the log', async () => {
    const dir = await tempDir();
    const writers = [
      startChild(['append', dir, '150', 'a', 'group', 'go']),
      startChild(['append', dir, '150', 'b', 'fsync', 'go']),
    ];
    await waitFor(() => writers.every((w) => w.lines.includes('ready')), 'both writers');
    await writeFile(join(dir, 'go'), '');
    const codes = await Promise.all(writers.map((w) => w.exited));
    expect(codes).toEqual([0, 0]);
    const log = await readDir(dir);
    const report = await verifyEvidence(log);
    expect(report.failure).toBeNull();
    expect(report.decisions.total).toBe(300);
    const entries = kinds(log.entries);
    expect(entries.filter((e) => e?.kind === 'log-created')).toHaveLength(1);
    const ids = entries.flatMap((e) => (e?.kind === 'decision' ? [e.receiptId] : []));
    expect(new Set(ids).size).toBe(300);
    // They really interleaved (otherwise this test proves little).
    const switches = ids.slice(1).filter((id, i) => id[0] !== ids[i]?.[0]).length;
    expect(switches).toBeGreaterThan(1);
  });
});
