import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { base64UrlDecode, base64UrlEncode } from '../crypto/base64url';
import { canonicalJson } from '../crypto/canonical-json';
import { generateEd25519Jwk } from '../crypto/ed25519';
import { jwsTypes } from '../receipt/jws-envelope';
import { createJwsSigner } from '../receipt/jws-signer';
import { makeDecision, samplePolicy } from './__fixtures__/decisions';
import { createEvidenceLogRecorder } from './evidence-recorder';
import { createMemoryEvidenceStore } from './memory-evidence-store';
import { formatEntryLine } from './parse-entry-line';
import { createMemoryKeyRing } from './signing-key-ring';
import { verifyEvidence } from './verify-evidence';

interface Log {
  entries: string[];
  checkpoints: string[];
}

async function buildLog(decisions = 30): Promise<Log> {
  const store = createMemoryEvidenceStore();
  const recorder = createEvidenceLogRecorder({
    store,
    keyRing: createMemoryKeyRing(),
    checkpointEvery: 10,
    durability: 'fsync',
  });
  for (let i = 0; i < decisions; i++) {
    const decision = makeDecision(i);
    decision.receipt = await recorder.recordDecision(decision, { policy: samplePolicy });
    if (i % 5 === 0)
      await recorder.recordOutcome(decision, { ran: decision.allowed, ok: true, durationMs: 3 });
  }
  await recorder.close();
  return { entries: [...store.entries], checkpoints: [...store.checkpoints] };
}

const decode = (line: string) => {
  const jws = JSON.parse(line) as { protected: string; payload: string; signature: string };
  return {
    jws,
    entry: JSON.parse(new TextDecoder().decode(base64UrlDecode(jws.payload))) as Record<
      string,
      unknown
    >,
  };
};
const withPayload = (line: string, change: (entry: Record<string, unknown>) => void) => {
  const { jws, entry } = decode(line);
  change(entry);
  return JSON.stringify({ ...jws, payload: base64UrlEncode(canonicalJson(entry)) });
};

let log: Log;
let otherLog: Log;
beforeAll(async () => {
  [log, otherLog] = await Promise.all([buildLog(), buildLog(12)]);
});

// The tampering tests run in both signature modes: the default (checkpoint-covered entries) and
// every entry's own signature.
let mode: 'all' | 'uncovered' = 'uncovered';
const verify = (entries: string[], checkpoints = log.checkpoints, extra = {}) =>
  verifyEvidence({ entries, checkpoints, signatures: mode, ...extra });

describe('verifyEvidence', () => {
  it('accepts an untouched log and summarises it', async () => {
    const report = await verify(log.entries);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(log.entries.length);
    // By default the checkpoint's signature authenticates the entries it covers; key entries
    // (here only log-created) are always checked one by one.
    expect(report.signaturesVerified + report.signaturesCoveredByCheckpoint).toBe(
      log.entries.length,
    );
    expect(report.signaturesVerified).toBe(1);
    const every = await verify(log.entries, log.checkpoints, { signatures: 'all' });
    expect(every.ok).toBe(true);
    expect(every.signaturesVerified).toBe(log.entries.length);
    expect(every.signaturesCoveredByCheckpoint).toBe(0);
    expect(report.decisions.total).toBe(30);
    expect(report.decisions.byResult.UNSAT).toBeGreaterThan(0);
    expect(report.timeSpan.first).not.toBeNull();
    expect(report.latestCheckpoint?.size).toBe(log.entries.length);
    expect(report.uncoveredEntries).toBe(0);
  });
});

describe.each(['uncovered', 'all'] as const)('verifyEvidence tampering, signatures: %s', (each) => {
  beforeEach(() => {
    mode = each;
  });
  afterEach(() => {
    mode = 'uncovered';
  });

  it('detects an edited entry and names it', async () => {
    const entries = [...log.entries];
    entries[7] = withPayload(entries[7] as string, (entry) => {
      entry.reason = 'edited after the fact';
    });
    const report = await verify(entries);
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ code: 'SIGNATURE', seq: 7, line: 8 });
  });

  it('detects an entry edited and re-signed with another key', async () => {
    const intruder = await createJwsSigner(await generateEd25519Jwk());
    const entries = [...log.entries];
    const { entry } = decode(entries[7] as string);
    entry.allowed = true;
    entries[7] = formatEntryLine(await intruder.sign(jwsTypes.entry, canonicalJson(entry)));
    expect((await verify(entries)).failure).toMatchObject({ code: 'KEY', seq: 7 });
  });

  it('detects a deleted entry', async () => {
    const entries = log.entries.filter((_, index) => index !== 9);
    const report = await verify(entries);
    expect(report.failure).toMatchObject({ code: 'SEQUENCE', seq: 9, line: 10 });
  });

  it('detects reordered entries', async () => {
    const entries = [...log.entries];
    [entries[11], entries[12]] = [entries[12] as string, entries[11] as string];
    expect((await verify(entries)).failure).toMatchObject({ code: 'SEQUENCE', seq: 11 });
  });

  it('detects an inserted entry (a replayed copy, and a forged one)', async () => {
    const replayed = [...log.entries];
    replayed.splice(6, 0, log.entries[5] as string);
    expect((await verify(replayed)).failure).toMatchObject({ code: 'SEQUENCE', seq: 5, line: 7 });
    const forged = [...log.entries];
    forged.splice(
      6,
      0,
      withPayload(log.entries[6] as string, (entry) => {
        entry.receiptId = 'forged';
      }),
    );
    const report = await verify(forged);
    expect(report.failure).toMatchObject({ code: 'SIGNATURE', seq: 6, line: 7 });
  });

  it('detects a truncated log through its checkpoints', async () => {
    const entries = log.entries.slice(0, -3);
    const report = await verify(entries);
    expect(report.failure).toMatchObject({ code: 'TRUNCATED', seq: log.entries.length - 3 });
  });

  it('detects a forged checkpoint and a swapped one', async () => {
    const forged = [...log.checkpoints];
    forged[0] = withPayload(forged[0] as string, (checkpoint) => {
      checkpoint.root = '0'.repeat(64);
    });
    expect((await verify(log.entries, forged)).failure).toMatchObject({
      code: 'CHECKPOINT_SIGNATURE',
      checkpoint: 1,
    });
    const fromOtherLog = [...log.checkpoints.slice(0, -1), otherLog.checkpoints.at(-1) as string];
    expect((await verify(log.entries, fromOtherLog)).failure).toMatchObject({
      code: 'CHECKPOINT_KEY',
      checkpoint: log.checkpoints.length,
    });
    const reordered = [...log.checkpoints].reverse();
    expect((await verify(log.entries, reordered)).failure?.code).toBe('CHECKPOINT_ORDER');
  });

  it('an edit covered by a checkpoint also breaks that checkpoint root', async () => {
    const entries = [...log.entries];
    entries[2] = withPayload(entries[2] as string, (entry) => {
      entry.reason = 'edited';
    });
    const report = await verify(entries);
    expect(report.failures.map((f) => f.code)).toEqual(
      expect.arrayContaining(['SIGNATURE', 'CHAIN', 'CHECKPOINT_ROOT']),
    );
  });

  it('an auditor-held checkpoint catches a truncation whose checkpoints were deleted too', async () => {
    const trusted = log.checkpoints.at(-1) as string;
    const entries = log.entries.slice(0, 20);
    const checkpoints = log.checkpoints.filter((line) => (decode(line).entry.size as number) <= 20);
    const withoutTrust = await verify(entries, checkpoints);
    expect(withoutTrust.ok).toBe(true);
    const report = await verify(entries, checkpoints, { trustedCheckpoint: trusted });
    expect(report.failure?.code).toBe('TRUSTED_CHECKPOINT');
    const good = await verify(log.entries, log.checkpoints, {
      trustedCheckpoint: log.checkpoints[0],
    });
    expect(good.trustedCheckpoint?.consistent).toBe(true);
  });

  it('a log rewritten wholesale with another key fails against a pinned key id', async () => {
    const pinned = (await verify(log.entries)).keys[0]?.keyId as string;
    expect(
      (await verify(otherLog.entries, otherLog.checkpoints, { trustedKeyIds: [pinned] })).failure
        ?.code,
    ).toBe('UNTRUSTED_KEY');
    expect((await verify(log.entries, log.checkpoints, { trustedKeyIds: [pinned] })).ok).toBe(true);
  });
});

describe('verifyEvidence signature modes', () => {
  it('the checkpoint fast path skips covered signatures on a good log and falls back on damage', async () => {
    const fast = await verify(log.entries, log.checkpoints, { signatures: 'uncovered' });
    expect(fast.ok).toBe(true);
    expect(fast.signaturesCoveredByCheckpoint).toBeGreaterThan(0);
    const entries = [...log.entries];
    entries[7] = withPayload(entries[7] as string, (entry) => {
      entry.reason = 'edited';
    });
    const report = await verify(entries, log.checkpoints, { signatures: 'uncovered' });
    expect(report.failure).toMatchObject({ code: 'SIGNATURE', seq: 7 });
    expect(report.signaturesCoveredByCheckpoint).toBe(0);
  });

  it('reports a line that is not an entry at all', async () => {
    const entries = [...log.entries];
    entries[4] = '{"protected":"eyJ';
    expect((await verify(entries)).failure).toMatchObject({
      code: 'ENTRY_MALFORMED',
      seq: 4,
      line: 5,
    });
  });
});
