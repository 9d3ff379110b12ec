import { beforeAll, describe, expect, it } from 'vitest';
import { base64UrlDecode, base64UrlEncode } from '../crypto/base64url';
import { canonicalJson } from '../crypto/canonical-json';
import type { JwsSigner } from '../receipt/jws-signer';
import { makeDecision, samplePolicy } from './__fixtures__/decisions';
import { signCheckpoint } from './checkpoint';
import { entryHash } from './entry-hash';
import { createEvidenceLogRecorder } from './evidence-recorder';
import { createMemoryEvidenceStore } from './memory-evidence-store';
import { MerkleFrontier } from './merkle-frontier';
import { jwsLeafHash } from './merkle-hash';
import { formatEntryLine } from './parse-entry-line';
import { createMemoryKeyRing } from './signing-key-ring';
import { verifyEvidence } from './verify-evidence';

/**
 * A checkpoint must be signed by the key active after its last entry: a retired key (one that
 * anyone who kept or stole it still holds) cannot vouch for entries signed after its rotation.
 */
interface RotatedLog {
  entries: string[];
  checkpoints: string[];
  oldKey: JwsSigner;
  newKey: JwsSigner;
  /** Line index of the key-rotated entry. */
  rotation: number;
}

const payloadOf = (line: string) =>
  JSON.parse(
    new TextDecoder().decode(base64UrlDecode(JSON.parse(line).payload) as Uint8Array),
  ) as Record<string, unknown>;
const headerOf = (line: string) =>
  JSON.parse(
    new TextDecoder().decode(base64UrlDecode(JSON.parse(line).protected) as Uint8Array),
  ) as {
    kid: string;
  };

/** A checkpoint over the first `size` lines of `entries`, signed by `signer`. */
async function checkpointOver(entries: string[], size: number, signer: JwsSigner) {
  const frontier = MerkleFrontier.empty();
  for (const line of entries.slice(0, size)) frontier.append(jwsLeafHash(JSON.parse(line)));
  const last = JSON.parse(entries[size - 1] as string).payload as string;
  const { jws } = await signCheckpoint({
    signer,
    logId: payloadOf(entries[0] as string).logId as string,
    size,
    root: frontier.root(),
    lastHash: entryHash(base64UrlDecode(last) as Uint8Array),
    time: new Date().toISOString(),
  });
  return formatEntryLine(jws);
}

let log: RotatedLog;
beforeAll(async () => {
  const store = createMemoryEvidenceStore();
  const keyRing = createMemoryKeyRing();
  // Every 3 entries: the append that writes the rotation (entry 5) also writes a checkpoint.
  const recorder = createEvidenceLogRecorder({ store, keyRing, checkpointEvery: 3 });
  for (let index = 0; index < 3; index++) {
    await recorder.recordDecision(makeDecision(index, { id: `before-${index}` }), {
      policy: samplePolicy,
    });
  }
  const oldKey = await keyRing.initial();
  const rotation = (await recorder.rotateKey('scheduled')).seq;
  const newKey = await keyRing.initial();
  for (let index = 0; index < 2; index++) {
    await recorder.recordDecision(makeDecision(index + 3, { id: `after-${index}` }), {
      policy: samplePolicy,
    });
  }
  await recorder.close();
  log = {
    entries: [...store.entries],
    checkpoints: [...store.checkpoints],
    oldKey,
    newKey,
    rotation,
  };
});

describe.each(['uncovered', 'all'] as const)('checkpoint keys, signatures: %s', (signatures) => {
  const verify = (entries: string[], checkpoints: string[], extra = {}) =>
    verifyEvidence({ entries, checkpoints, signatures, ...extra });

  it("accepts the writer's checkpoints, including one written with the rotation (new key)", async () => {
    const withRotation = log.checkpoints.find(
      (line) => payloadOf(line).size === log.rotation + 1,
    ) as string;
    expect(headerOf(withRotation).kid).toBe(log.newKey.keyId);
    expect(log.checkpoints.some((line) => headerOf(line).kid === log.oldKey.keyId)).toBe(true);
    const report = await verify(log.entries, log.checkpoints);
    expect(report.failures).toEqual([]);
  });

  it('refuses entries rewritten after the rotation under a checkpoint re-signed with the retired key', async () => {
    const entries = [...log.entries];
    const last = JSON.parse(entries.at(-1) as string);
    const payload = payloadOf(entries.at(-1) as string);
    expect(payload.receiptId).toBe('after-1');
    payload.receiptId = 'forged';
    last.payload = base64UrlEncode(canonicalJson(payload));
    entries[entries.length - 1] = JSON.stringify(last);
    const forged = await checkpointOver(entries, entries.length, log.oldKey);
    const report = await verify(entries, [forged]);
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ code: 'SIGNATURE', seq: entries.length - 1 });
    expect(report.failures.map((failure) => failure.code)).toContain('CHECKPOINT_KEY');
  });

  it('refuses a checkpoint signed by any key but the one active after its last entry', async () => {
    const { entries, rotation } = log;
    // The retired key over genuine entries past the rotation.
    const retired = await checkpointOver(entries, entries.length, log.oldKey);
    expect((await verify(entries, [retired])).failure).toMatchObject({
      code: 'CHECKPOINT_KEY',
      checkpoint: 1,
    });
    // The rotation entry is the last one the old key signs; the checkpoint over it is the new key's.
    const atRotation = await checkpointOver(entries, rotation + 1, log.oldKey);
    expect((await verify(entries, [atRotation])).failure?.code).toBe('CHECKPOINT_KEY');
    // The new key before it was active.
    const early = await checkpointOver(entries, rotation, log.newKey);
    expect((await verify(entries, [early])).failure?.code).toBe('CHECKPOINT_KEY');
    const right = await checkpointOver(entries, rotation, log.oldKey);
    expect((await verify(entries, [right])).ok).toBe(true);
  });

  it('applies the same rule to a trusted checkpoint', async () => {
    const { entries, checkpoints } = log;
    const retired = await checkpointOver(entries, entries.length, log.oldKey);
    const report = await verify(entries, checkpoints, { trustedCheckpoint: retired });
    expect(report.failure?.code).toBe('TRUSTED_CHECKPOINT');
    expect(report.failure?.message).toMatch(/active/);
    const good = await verify(entries, checkpoints, { trustedCheckpoint: checkpoints.at(-1) });
    expect(good.trustedCheckpoint?.consistent).toBe(true);
  });
});
