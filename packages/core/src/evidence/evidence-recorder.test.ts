import { compactVerify, flattenedVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { PreflightError } from '../errors';
import { toCompactJws } from '../receipt/jws-envelope';
import { makeDecision, samplePolicy, samplePolicyHash } from './__fixtures__/decisions';
import { createEvidenceLogRecorder } from './evidence-recorder';
import { createMemoryEvidenceStore } from './memory-evidence-store';
import { parseEntryLine } from './parse-entry-line';
import { createMemoryKeyRing } from './signing-key-ring';
import { verifyEvidence } from './verify-evidence';

const setup = (options: { durability?: 'fsync' | 'group'; checkpointEvery?: number } = {}) => {
  const store = createMemoryEvidenceStore();
  const keyRing = createMemoryKeyRing();
  const recorder = createEvidenceLogRecorder({ store, keyRing, ...options });
  return { store, recorder };
};

const entriesOf = (lines: string[]) =>
  lines.map((line) => {
    const parsed = parseEntryLine(line);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value.entry;
  });

describe('evidence recorder', () => {
  it('writes a signed, chained receipt per decision and announces the policy once', async () => {
    const { store, recorder } = setup();
    const refs = await Promise.all(
      [0, 1, 2].map((i) => recorder.recordDecision(makeDecision(i), { policy: samplePolicy })),
    );
    expect(refs.map((ref) => ref.id)).toEqual(['dec-0', 'dec-1', 'dec-2']);
    const entries = entriesOf(store.entries);
    expect(entries.map((entry) => entry.kind)).toEqual([
      'log-created',
      'policy-activated',
      'decision',
      'decision',
      'decision',
    ]);
    expect(entries.map((entry) => entry.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(refs.map((ref) => ref.seq)).toEqual([2, 3, 4]);
    const receipt = entries[3];
    expect(receipt).toMatchObject({
      kind: 'decision',
      version: 'v1',
      receiptId: 'dec-1',
      tool: 'send_email',
      toolCallId: 'call-1',
      session: 'session-1',
      result: 'UNSAT',
      allowed: false,
      policy: { hash: samplePolicyHash, icmePolicyId: 'icme-policy-1' },
      engines: ['icme'],
      violations: [{ id: 1 }],
      variables: { record_count: { value: 3, provenance: 'arg', note: 'from args.limit' } },
      verdicts: [
        {
          icme: {
            checkId: 'chk-1',
            proofId: 'proof-1',
            subResults: { z3: 'UNSAT', ar: 'SAT', llm: 'SAT' },
          },
        },
      ],
    });
    // Raw engine payloads never reach the signed receipt.
    expect(JSON.stringify(receipt)).not.toContain('anything');
    await recorder.recordDecision(makeDecision(3), { policy: samplePolicy });
    expect(entriesOf(store.entries).filter((e) => e.kind === 'policy-activated')).toHaveLength(1);
  });

  it('produces envelopes that jose verifies as standard EdDSA JWS', async () => {
    const { store, recorder } = setup();
    const ref = await recorder.recordDecision(makeDecision(0), { policy: samplePolicy });
    const first = entriesOf(store.entries)[0];
    if (first?.kind !== 'log-created') throw new Error('no log-created entry');
    const key = await importJWK({ ...first.publicKey, alg: 'EdDSA' }, 'EdDSA');
    const envelope = ref.envelope as { protected: string; payload: string; signature: string };
    const flattened = await flattenedVerify(envelope, key);
    expect(flattened.protectedHeader).toMatchObject({
      alg: 'EdDSA',
      kid: first.publicKey.kid,
      typ: 'application/vnd.preflight.entry.v1+jws',
    });
    const compact = await compactVerify(toCompactJws(envelope), key);
    expect(JSON.parse(new TextDecoder().decode(compact.payload))).toMatchObject({
      receiptId: 'dec-0',
      seq: 2,
    });
  });

  it('links outcomes to receipts and records control-plane events', async () => {
    const { store, recorder } = setup();
    await recorder.recordModeChange({ mode: 'shadow', previousMode: 'enforce', reason: 'rollout' });
    await recorder.recordEngineConfiguration('icme', {
      url: 'https://api.icme.io/v1',
      threshold: 0.5,
    });
    const decision = makeDecision(0);
    decision.receipt = await recorder.recordDecision(decision, { policy: samplePolicy });
    await recorder.recordOutcome(decision, { ran: true, ok: true, durationMs: 12 });
    const blocked = makeDecision(1);
    await recorder.recordDecision(blocked, { policy: samplePolicy });
    await recorder.recordOutcome(blocked, { ran: false, ok: false });
    const entries = entriesOf(store.entries);
    const receiptEntry = entries.find((e) => e.kind === 'decision' && e.receiptId === 'dec-0');
    const outcomes = entries.filter((e) => e.kind === 'outcome');
    const receiptLine = parseEntryLine(store.entries[receiptEntry?.seq as number] as string);
    expect(outcomes[0]).toMatchObject({
      receiptId: 'dec-0',
      receiptSeq: receiptEntry?.seq,
      ran: true,
      ok: true,
      durationMs: 12,
    });
    expect(outcomes[0]).toHaveProperty(
      'receiptHash',
      receiptLine.ok ? receiptLine.value.hash : null,
    );
    expect(outcomes[1]).toMatchObject({ receiptId: 'dec-1', ran: false, ok: false });
    expect(outcomes[1]?.kind === 'outcome' && outcomes[1].receiptHash).toMatch(/^sha256:/);
    expect(entries.map((e) => e.kind)).toContain('mode-changed');
    expect(entries.map((e) => e.kind)).toContain('engine-configured');
    await recorder.close();
    const report = await verifyEvidence({ entries: store.entries, checkpoints: store.checkpoints });
    expect(report.failure).toBeNull();
    expect(report.outcomes).toEqual({ total: 2, ran: 1, failed: 0, notRun: 1 });
    expect(report.uncoveredEntries).toBe(0);
  });

  it('rejects a decision it cannot record, without harming the others in its group', async () => {
    const { store, recorder } = setup();
    const bad = makeDecision(1);
    bad.action = {
      ...(bad.action as NonNullable<typeof bad.action>),
      variables: { n: { value: Number.NaN, provenance: 'arg' } },
    };
    const results = await Promise.allSettled([
      recorder.recordDecision(makeDecision(0), { policy: samplePolicy }),
      recorder.recordDecision(bad, { policy: samplePolicy }),
      recorder.recordDecision(makeDecision(2), { policy: samplePolicy }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(PreflightError.isInstance((results[1] as PromiseRejectedResult).reason)).toBe(true);
    expect((await verifyEvidence({ entries: store.entries })).ok).toBe(true);
  });

  it('rejects every pending receipt when the store fails (the guard then blocks)', async () => {
    const store = createMemoryEvidenceStore();
    const failing = { ...store, append: async () => Promise.reject(new Error('disk full')) };
    const recorder = createEvidenceLogRecorder({ store: failing, keyRing: createMemoryKeyRing() });
    const error = await recorder
      .recordDecision(makeDecision(0), { policy: samplePolicy })
      .catch((e: unknown) => e);
    expect(PreflightError.isInstance(error) && error.code).toBe('EVIDENCE_APPEND_FAILED');
  });

  it('writes checkpoints every N entries and on close', async () => {
    const { store, recorder } = setup({ checkpointEvery: 5, durability: 'fsync' });
    for (let i = 0; i < 12; i++)
      await recorder.recordDecision(makeDecision(i), { policy: samplePolicy });
    expect(store.checkpoints.length).toBeGreaterThanOrEqual(2);
    await recorder.close();
    const report = await verifyEvidence({ entries: store.entries, checkpoints: store.checkpoints });
    expect(report.ok).toBe(true);
    expect(report.latestCheckpoint?.size).toBe(store.entries.length);
  });

  it('rotates keys: the rotation is signed by the old key and later entries by the new one', async () => {
    const { store, recorder } = setup();
    await recorder.recordDecision(makeDecision(0), { policy: samplePolicy });
    const rotation = await recorder.rotateKey('scheduled');
    await recorder.recordDecision(makeDecision(1), { policy: samplePolicy });
    await recorder.close();
    const parsed = store.entries
      .map((line) => parseEntryLine(line))
      .map((r) => (r.ok ? r.value : undefined));
    const created = parsed[0]?.entry;
    const rotated = parsed[rotation.seq];
    if (created?.kind !== 'log-created' || rotated?.entry.kind !== 'key-rotated')
      throw new Error('unexpected log');
    expect(rotated.header.kid).toBe(created.publicKey.kid);
    expect(parsed.at(-1)?.header.kid).toBe(rotated.entry.publicKey.kid);
    const report = await verifyEvidence({ entries: store.entries, checkpoints: store.checkpoints });
    expect(report.ok).toBe(true);
    expect(report.keys.map((k) => k.keyId)).toEqual([
      created.publicKey.kid,
      rotated.entry.publicKey.kid,
    ]);
  });
});
