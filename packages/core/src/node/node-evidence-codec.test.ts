import { beforeAll, describe, expect, it } from 'vitest';
import { base64UrlEncode } from '../crypto/base64url';
import { makeDecision, samplePolicy } from '../evidence/__fixtures__/decisions';
import { createEvidenceLogRecorder } from '../evidence/evidence-recorder';
import { createMemoryEvidenceStore } from '../evidence/memory-evidence-store';
import { createMemoryKeyRing } from '../evidence/signing-key-ring';
import { verifyEvidence } from '../evidence/verify-evidence';
import { createNodeEd25519Verifier } from './node-ed25519-verifier';
import { nodeEvidenceCodec } from './node-evidence-codec';

let entries: string[] = [];
let checkpoints: string[] = [];
beforeAll(async () => {
  const store = createMemoryEvidenceStore();
  const recorder = createEvidenceLogRecorder({
    store,
    keyRing: createMemoryKeyRing(),
    checkpointEvery: 7,
    ...nodeEvidenceCodec,
  });
  for (let index = 0; index < 40; index++) {
    const decision = makeDecision(index);
    decision.receipt = await recorder.recordDecision(decision, { policy: samplePolicy });
    if (index % 4 === 0) await recorder.recordOutcome(decision, { ran: true, ok: index % 8 === 0 });
  }
  await recorder.rotateKey('test');
  await recorder.recordDecision(makeDecision(99), { policy: samplePolicy });
  await recorder.close();
  entries = [...store.entries];
  checkpoints = [...store.checkpoints];
});

const edit = (line: string, change: (jws: Record<string, string>) => void) => {
  const jws = JSON.parse(line);
  change(jws);
  return JSON.stringify(jws);
};

describe('verifyEvidence with the native codec and verifier', () => {
  it('reports exactly what the portable verification reports, on good and damaged logs', async () => {
    const damaged: Array<[string, string[], string[]]> = [
      ['intact', entries, checkpoints],
      [
        'edited',
        entries.map((l, i) =>
          i === 9
            ? edit(l, (j) => {
                j.payload = base64UrlEncode('{"x":1}');
              })
            : l,
        ),
        checkpoints,
      ],
      [
        'signature swapped',
        entries.map((l, i) =>
          i === 12
            ? edit(l, (j) => {
                j.signature = JSON.parse(entries[13] as string).signature;
              })
            : l,
        ),
        checkpoints,
      ],
      ['deleted', entries.filter((_, i) => i !== 20), checkpoints],
      ['truncated', entries.slice(0, -3), checkpoints],
      [
        'torn line',
        [...entries.slice(0, 30), '{"protected":"eyJ', ...entries.slice(31)],
        checkpoints,
      ],
      [
        'checkpoint forged',
        entries,
        checkpoints.map((l, i) =>
          i === 2
            ? edit(l, (j) => {
                j.signature = `${j.signature?.startsWith('A') ? 'B' : 'A'}${String(j.signature).slice(1)}`;
              })
            : l,
        ),
      ],
    ];
    const verifier = createNodeEd25519Verifier({ threads: 2, minParallelBatch: 8 });
    try {
      for (const [name, lines, checks] of damaged) {
        for (const signatures of ['all', 'uncovered'] as const) {
          const options = { entries: lines, checkpoints: checks, signatures, batchSize: 16 };
          const portable = await verifyEvidence(options);
          const native = await verifyEvidence({
            ...options,
            ...nodeEvidenceCodec,
            verifySignatures: verifier.verify,
          });
          expect(native, `${name} (${signatures})`).toEqual(portable);
          expect(portable.ok, name).toBe(name === 'intact');
        }
      }
    } finally {
      await verifier.close();
    }
  });
});
