import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../crypto/canonical-json';
import type { Ed25519PrivateJwk } from '../crypto/ed25519';
import { makeDecision, samplePolicy, samplePolicyHash } from './__fixtures__/decisions';
import { createEvidenceLogRecorder } from './evidence-recorder';
import { createMemoryEvidenceStore } from './memory-evidence-store';
import { createMemoryKeyRing } from './signing-key-ring';
import { verifyEvidence } from './verify-evidence';

/**
 * Golden evidence vectors, pinned byte for byte (Ed25519 signatures are deterministic): a log
 * written with a fixed test key, clock and log id. Independent verifiers can test against
 * __fixtures__/golden-log.jsonl and golden-checkpoints.jsonl (docs/evidence.md). Regenerate only
 * on a deliberate format change: PREFLIGHT_UPDATE_GOLDEN=1 pnpm vitest run <this file>.
 */
const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const key = JSON.parse(readFileSync(fixture('golden-key.json'), 'utf8')).jwk as Ed25519PrivateJwk;

async function writeGoldenLog() {
  const store = createMemoryEvidenceStore();
  let tick = 0;
  const recorder = createEvidenceLogRecorder({
    store,
    keyRing: createMemoryKeyRing([key]),
    durability: 'fsync',
    checkpointEvery: 4,
    now: () => new Date(Date.UTC(2026, 0, 15, 9, 30, 0, tick++ * 250)),
    createLogId: () => '00000000-0000-4000-8000-000000000001',
  });
  await recorder.recordPolicyActivated({
    policy: samplePolicy,
    policyHash: samplePolicyHash,
    text: samplePolicy.rules.map((r) => `${r.id}. ${r.text}`).join('\n'),
    icmePolicyId: 'icme-policy-1',
  });
  await recorder.recordModeChange({ mode: 'enforce', reason: 'golden vector' });
  for (let index = 0; index < 4; index++) {
    const decision = makeDecision(index);
    decision.receipt = await recorder.recordDecision(decision, { policy: samplePolicy });
    await recorder.recordOutcome(decision, {
      ran: decision.allowed,
      ok: true,
      durationMs: 10 + index,
    });
  }
  await recorder.close();
  return { entries: store.entries, checkpoints: store.checkpoints };
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('golden evidence log', () => {
  it('is reproduced byte for byte', async () => {
    const log = await writeGoldenLog();
    const entries = `${log.entries.join('\n')}\n`;
    const checkpoints = `${log.checkpoints.join('\n')}\n`;
    if (process.env.PREFLIGHT_UPDATE_GOLDEN === '1') {
      writeFileSync(fixture('golden-log.jsonl'), entries);
      writeFileSync(fixture('golden-checkpoints.jsonl'), checkpoints);
    }
    expect(entries).toBe(readFileSync(fixture('golden-log.jsonl'), 'utf8'));
    expect(checkpoints).toBe(readFileSync(fixture('golden-checkpoints.jsonl'), 'utf8'));
  });

  it('verifies, and each pinned tampering is caught at the pinned place', async () => {
    const entries = lines(readFileSync(fixture('golden-log.jsonl'), 'utf8'));
    const checkpoints = lines(readFileSync(fixture('golden-checkpoints.jsonl'), 'utf8'));
    const good = await verifyEvidence({ entries, checkpoints });
    expect(good.ok).toBe(true);
    expect(good.entries).toBe(11);
    const payload = (line: string) =>
      JSON.parse(Buffer.from(JSON.parse(line).payload, 'base64url').toString());
    const repack = (line: string, change: (value: Record<string, unknown>) => void) => {
      const value = payload(line);
      change(value);
      return JSON.stringify({
        ...JSON.parse(line),
        payload: Buffer.from(canonicalJson(value)).toString('base64url'),
      });
    };
    const cases: Array<[string, string[], string[], { code: string; seq: number | null }]> = [
      [
        'edited',
        entries.map((l, i) =>
          i === 3
            ? repack(l, (v) => {
                v.allowed = !v.allowed;
              })
            : l,
        ),
        checkpoints,
        { code: 'SIGNATURE', seq: 3 },
      ],
      ['deleted', entries.filter((_, i) => i !== 5), checkpoints, { code: 'SEQUENCE', seq: 5 }],
      [
        'reordered',
        entries.map((l, i) => (i === 6 ? entries[7] : i === 7 ? entries[6] : l) as string),
        checkpoints,
        { code: 'SEQUENCE', seq: 6 },
      ],
      [
        'inserted',
        [...entries.slice(0, 3), entries[2] as string, ...entries.slice(3)],
        checkpoints,
        { code: 'SEQUENCE', seq: 2 },
      ],
      ['truncated', entries.slice(0, 8), checkpoints, { code: 'TRUNCATED', seq: 8 }],
      [
        'forged checkpoint',
        entries,
        checkpoints.map((l, i) =>
          i === 0
            ? repack(l, (v) => {
                v.size = 3;
              })
            : l,
        ),
        { code: 'CHECKPOINT_SIGNATURE', seq: null },
      ],
      [
        'swapped checkpoints',
        entries,
        [...checkpoints].reverse(),
        { code: 'CHECKPOINT_ORDER', seq: null },
      ],
    ];
    // Pinned for both signature modes: the default and every entry's own signature.
    for (const signatures of ['uncovered', 'all'] as const) {
      expect((await verifyEvidence({ entries, checkpoints, signatures })).ok).toBe(true);
      for (const [name, tamperedEntries, tamperedCheckpoints, expected] of cases) {
        const report = await verifyEvidence({
          entries: tamperedEntries,
          checkpoints: tamperedCheckpoints,
          signatures,
        });
        expect(report.failure, `${name} (${signatures})`).toMatchObject(expected);
      }
    }
  });
});
