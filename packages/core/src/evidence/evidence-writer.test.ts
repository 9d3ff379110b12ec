import { describe, expect, it } from 'vitest';
import { PreflightError } from '../errors';
import { makeDecision, samplePolicy } from './__fixtures__/decisions';
import { createEvidenceLogRecorder } from './evidence-recorder';
import type { AppendOptions } from './evidence-store';
import type { Durability } from './evidence-writer';
import { createMemoryEvidenceStore } from './memory-evidence-store';
import { createMemoryKeyRing } from './signing-key-ring';
import { verifyEvidence } from './verify-evidence';

/**
 * A memory store whose appends and syncs are recorded in order, so a test can see what a
 * decision waited for: the `sync` option of its append, and the deferred `sync()` calls.
 */
function spiedStore(syncImpl: () => Promise<void> = async () => {}) {
  const store = createMemoryEvidenceStore();
  const events: string[] = [];
  const append = store.append.bind(store);
  let onSync: () => void = () => {};
  const synced = new Promise<void>((resolve) => {
    onSync = resolve;
  });
  store.append = (write, options?: AppendOptions) => {
    events.push(options?.sync === false ? 'append' : 'append+sync');
    return append(write, options);
  };
  store.sync = () => {
    events.push('sync');
    onSync();
    return syncImpl();
  };
  return { store, events, synced };
}

const setup = (durability: Durability, maxSyncDelayMs?: number, sync?: () => Promise<void>) => {
  const spied = spiedStore(sync);
  const recorder = createEvidenceLogRecorder({
    store: spied.store,
    keyRing: createMemoryKeyRing(),
    durability,
    ...(maxSyncDelayMs === undefined ? {} : { maxSyncDelayMs }),
  });
  return { ...spied, recorder };
};

const record = (recorder: ReturnType<typeof setup>['recorder'], index: number) =>
  recorder.recordDecision(makeDecision(index, { id: `d-${index}` }), { policy: samplePolicy });

/** Lets the rejection of a failed deferred sync reach the writer. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('evidence writer durability', () => {
  it('fsync mode (the default) resolves after a synced append, shared by concurrent entries', async () => {
    const spied = spiedStore();
    const append = spied.store.append;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Hold the first append in flight until the other 19 decisions have queued behind it.
    spied.store.append = async (write, options) => {
      if (spied.events.length === 1) await gate;
      return append(write, options);
    };
    const recorder = createEvidenceLogRecorder({
      store: spied.store,
      keyRing: createMemoryKeyRing(),
    });
    const first = record(recorder, 0);
    while (spied.events.length === 0) await Promise.resolve();
    const rest = Array.from({ length: 19 }, (_, index) => record(recorder, index + 1));
    release();
    await Promise.all([first, ...rest]);
    // The 19 queued behind the first share the next append and its one sync.
    expect(spied.events).toEqual(['append+sync', 'append+sync']);
    expect(spied.store.entries).toHaveLength(22); // log-created, policy-activated, 20 receipts
    await recorder.close();
    expect((await verifyEvidence({ entries: spied.store.entries })).ok).toBe(true);
  });

  it('group mode resolves once the entry is written, before the deferred sync', async () => {
    const { store, events, recorder } = setup('group', 60_000);
    const ref = await record(recorder, 0);
    expect(events).toEqual(['append']);
    expect(store.entries).toHaveLength(3);
    expect(ref.seq).toBe(2);
    await Promise.all([1, 2, 3].map((index) => record(recorder, index)));
    expect(events).not.toContain('sync');
    expect(events.every((event) => event === 'append')).toBe(true);
    // close() writes the final checkpoint with a synced append and flushes the deferred sync.
    await recorder.close();
    expect(events.at(-2)).toBe('append+sync');
    expect(events.at(-1)).toBe('sync');
    expect(store.checkpoints).toHaveLength(1);
  });

  it('group mode syncs within maxSyncDelayMs, once for everything written meanwhile', async () => {
    const { events, synced, recorder } = setup('group', 1);
    await Promise.all([0, 1, 2].map((index) => record(recorder, index)));
    await synced;
    expect(events).toEqual(['append', 'sync']);
    await recorder.close();
  });

  it('group mode syncs requested checkpoints and key rotations before they resolve', async () => {
    const { events, recorder } = setup('group', 60_000);
    await record(recorder, 0);
    await recorder.rotateKey('test');
    await recorder.checkpoint();
    expect(events).toEqual(['append', 'append+sync', 'append+sync']);
    await recorder.close();
  });

  it('a failed deferred sync fails closed: every later append and close() reject', async () => {
    const { events, synced, recorder } = setup('group', 0, async () => {
      throw new Error('EIO: i/o error, fdatasync');
    });
    await record(recorder, 0);
    await synced;
    await settle();
    const later = await record(recorder, 1).catch((error: unknown) => error);
    expect(PreflightError.isInstance(later) && later.code).toBe('EVIDENCE_SYNC_FAILED');
    expect(String((later as Error).message)).toMatch(/could not be made durable/);
    await expect(
      recorder.recordOutcome(makeDecision(0), { ran: true, ok: true }),
    ).rejects.toMatchObject({ code: 'EVIDENCE_SYNC_FAILED' });
    await expect(recorder.checkpoint()).rejects.toMatchObject({ code: 'EVIDENCE_SYNC_FAILED' });
    await expect(recorder.close()).rejects.toMatchObject({ code: 'EVIDENCE_SYNC_FAILED' });
    // Nothing was appended after the failure.
    expect(events).toEqual(['append', 'sync']);
  });

  it('entries queued while the failing sync ran are rejected, not written', async () => {
    let failSync: (error: Error) => void = () => {};
    const { events, synced, recorder } = setup(
      'group',
      0,
      () =>
        new Promise<void>((_, reject) => {
          failSync = reject;
        }),
    );
    await record(recorder, 0);
    await synced;
    // The sync is in flight; a decision arriving now is written (it does not wait for syncs)...
    await record(recorder, 1);
    failSync(new Error('EIO'));
    await settle();
    // ...but once the sync has failed nothing more is accepted.
    await expect(record(recorder, 2)).rejects.toMatchObject({ code: 'EVIDENCE_SYNC_FAILED' });
    expect(events).toEqual(['append', 'sync', 'append']);
    await expect(recorder.close()).rejects.toMatchObject({ code: 'EVIDENCE_SYNC_FAILED' });
  });

  it('a sync failure inside a synced append fails the writer in fsync mode too', async () => {
    const spied = spiedStore();
    const append = spied.store.append;
    let calls = 0;
    spied.store.append = (write, options) =>
      ++calls === 2
        ? Promise.reject(
            new PreflightError({ code: 'EVIDENCE_SYNC_FAILED', message: 'fdatasync failed' }),
          )
        : append(write, options);
    const recorder = createEvidenceLogRecorder({
      store: spied.store,
      keyRing: createMemoryKeyRing(),
    });
    await record(recorder, 0);
    await expect(record(recorder, 1)).rejects.toMatchObject({ code: 'EVIDENCE_SYNC_FAILED' });
    await expect(record(recorder, 2)).rejects.toMatchObject({ code: 'EVIDENCE_SYNC_FAILED' });
    await expect(recorder.close()).rejects.toMatchObject({ code: 'EVIDENCE_SYNC_FAILED' });
  });

  it('an append in flight when the deferred sync fails is rejected, not acknowledged', async () => {
    let failSync: (error: Error) => void = () => {};
    const { store, synced, recorder } = setup(
      'group',
      0,
      () =>
        new Promise<void>((_, reject) => {
          failSync = reject;
        }),
    );
    const append = store.append;
    let release: (() => void) | undefined;
    let calls = 0;
    // Hold the second append inside the store while the sync fails.
    store.append = async (write, options) => {
      if (++calls === 2) await new Promise<void>((resolve) => (release = resolve));
      return append(write, options);
    };
    await record(recorder, 0);
    await synced;
    const inFlight = record(recorder, 1).then(
      () => 'acknowledged',
      (error: { code?: string }) => error.code,
    );
    while (!release) await settle();
    failSync(new Error('EIO'));
    await settle();
    release();
    expect(await inFlight).toBe('EVIDENCE_SYNC_FAILED');
  });

  it('close() reports its outcome to every caller, and checkpoint() after it rejects', async () => {
    const failing = setup('group', 0, async () => {
      throw new Error('EIO');
    });
    await record(failing.recorder, 0);
    await failing.synced;
    await settle();
    await expect(failing.recorder.close()).rejects.toMatchObject({ code: 'EVIDENCE_SYNC_FAILED' });
    await expect(failing.recorder.close()).rejects.toMatchObject({ code: 'EVIDENCE_SYNC_FAILED' });
    await expect(failing.recorder.checkpoint()).rejects.toMatchObject({
      code: 'EVIDENCE_SYNC_FAILED',
    });
    const healthy = setup('group', 60_000);
    await record(healthy.recorder, 0);
    await Promise.all([healthy.recorder.close(), healthy.recorder.close()]);
    await healthy.recorder.close();
    await expect(healthy.recorder.checkpoint()).rejects.toMatchObject({
      code: 'EVIDENCE_APPEND_FAILED',
      message: expect.stringMatching(/closed/),
    });
    expect(healthy.store.checkpoints).toHaveLength(1);
  });

  it('a store whose sync() throws synchronously, or has none, fails closed without crashing', async () => {
    const throwing = setup('group', 0, () => {
      throw new Error('EIO');
    });
    await record(throwing.recorder, 0);
    await throwing.synced; // the timer's sync threw: no uncaught exception, a failed writer
    await settle();
    await expect(record(throwing.recorder, 1)).rejects.toMatchObject({
      code: 'EVIDENCE_SYNC_FAILED',
    });
    await expect(throwing.recorder.close()).rejects.toMatchObject({ code: 'EVIDENCE_SYNC_FAILED' });
    // A loosely typed custom store without sync(): its written batch is still acknowledged, and
    // close() reports that nothing could be made durable.
    const store = createMemoryEvidenceStore();
    (store as { sync?: unknown }).sync = undefined;
    const recorder = createEvidenceLogRecorder({
      store,
      keyRing: createMemoryKeyRing(),
      durability: 'group',
      maxSyncDelayMs: 60_000,
    });
    await record(recorder, 0);
    await expect(recorder.close()).rejects.toMatchObject({ code: 'EVIDENCE_SYNC_FAILED' });
  });
});
