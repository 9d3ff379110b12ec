/**
 * Evidence benchmark: what a durable, signed receipt adds to one decision, in each durability
 * mode, and how fast a log verifies. References measured in the same run: one raw
 * write + fdatasync of a receipt-sized line (the floor of any durable append on this disk) and
 * one Ed25519 verification through WebCrypto (the floor of checking a signature).
 *
 * Targets (from the issue): group-commit append adds <= 200 µs to a decision at the median;
 * verification >= 20,000 receipts/s. They are printed as absolute checks in the log lines.
 */
import { closeSync, fdatasync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  createEvidenceLogRecorder,
  createJwsSigner,
  createMemoryEvidenceStore,
  createMemoryKeyRing,
  type Decision,
  generateEd25519Jwk,
  importEd25519VerifyKey,
  jwsTypes,
  type PolicyIR,
  verifyEvidence,
  verifyJwsSignature,
} from '@preflight/core';
import { createEvidenceRecorder, nodeSha256 } from '@preflight/core/node';
import { type BenchContext, type BenchRow, measureAsync, summarize } from './harness';

const datasync = promisify(fdatasync);

const policy: PolicyIR = {
  version: 'v1',
  rules: [
    {
      id: 1,
      text: 'Do not export customer records unless an authorization token is provided.',
      shape: 'unless-provided',
      violation: { op: 'var', name: 'export' },
      exceptions: [],
    },
  ],
  variables: [],
  lists: [],
  counters: [],
  warnings: [],
};

let counter = 0;
/** A decision the size of a real one (six variables, a description, one ICME verdict). */
function decision(): Decision {
  const index = counter++;
  return {
    id: `bench-${index}`,
    allowed: index % 3 !== 0,
    wouldAllow: index % 3 !== 0,
    mode: 'enforce',
    result: index % 3 === 0 ? 'UNSAT' : 'SAT',
    violations: index % 3 === 0 ? [{ id: 1, text: policy.rules[0]?.text ?? '' }] : [],
    unknown: [],
    screenedOut: false,
    reason:
      index % 3 === 0
        ? 'Blocked: rule 1 (export without authorization token).'
        : 'Allowed by policy.',
    action: {
      tool: 'exportRecords',
      toolCallId: `call_${index.toString(36).padStart(12, '0')}`,
      sessionId: 'session-7f3a',
      variables: {
        transfer_customer_records: { value: true, provenance: 'derived' },
        destination_external: { value: true, provenance: 'arg' },
        record_count: { value: 120, provenance: 'arg' },
        session_record_count: { value: 340, provenance: 'session' },
        classification: { value: 'PHI', provenance: 'arg' },
        authorization_token: { value: false, provenance: 'context', note: 'not provided' },
      },
      description:
        'transfer_customer_records: true\ndestination_external: true\nrecord_count: 120\nsession_record_count: 340\nclassification: PHI\nauthorization_token: not provided\nTool exportRecords with args {"to":"partner@elsewhere.example","recordIds":"[120 ids]"}',
      digest: `sha256:${index.toString(16).padStart(64, '0')}`,
      argsDigest: `sha256:${(index * 7).toString(16).padStart(64, '0')}`,
      assignment: {},
    },
    verdicts: [
      {
        engine: 'icme',
        result: index % 3 === 0 ? 'UNSAT' : 'SAT',
        violations: [],
        unknown: [],
        details: {
          check_id: '7d9f5b8e-1c2a-4e5f-9a8b-0c1d2e3f4a5b',
          proof_id: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
          z3_result: 'SAT',
          ar_result: 'SAT',
          llm_result: 'SAT',
        },
      },
    ],
    policyHash: `sha256:${'a'.repeat(64)}`,
    timings: { totalMs: 0.3 },
    createdAt: new Date().toISOString(),
  };
}

/** Per-decision cost with `inFlight` decisions recorded concurrently (total time / inFlight). */
async function concurrent(record: () => Promise<unknown>, inFlight: number, samples: number) {
  const timings: number[] = [];
  for (let sample = 0; sample < samples + 5; sample++) {
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: inFlight }, record));
    if (sample >= 5) timings.push(Number(process.hrtime.bigint() - started) / inFlight);
  }
  return summarize(timings);
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const samples = Math.max(50, Math.round(200 * ctx.scale));
  const dir = mkdtempSync(join(tmpdir(), 'preflight-bench-evidence-'));
  try {
    // Floor: one receipt-sized line, written and fdatasync'ed.
    const line = `${'x'.repeat(1400)}\n`;
    const fd = openSync(join(dir, 'raw.jsonl'), 'a');
    const raw = await measureAsync(
      async () => {
        writeSync(fd, line);
        await datasync(fd);
      },
      { samples, minSampleNs: 0, warmupMs: 100 },
    );
    closeSync(fd);
    const rawName = 'evidence/append floor: write + fdatasync of one line';
    rows.push({ name: rawName, ...raw, baseline: null });

    const memory = createEvidenceLogRecorder({
      store: createMemoryEvidenceStore(),
      keyRing: createMemoryKeyRing(),
    });
    const cpu = await measureAsync(() => memory.recordDecision(decision(), { policy }), {
      samples,
      minSampleNs: 0,
      warmupMs: 100,
    });
    rows.push({
      name: 'evidence/append in memory (canonicalise + hash + sign, no I/O)',
      ...cpu,
      baseline: rawName,
    });

    for (const durability of ['fsync', 'group'] as const) {
      const recorder = createEvidenceRecorder({ dir: join(dir, durability), durability });
      const one = await measureAsync(() => recorder.recordDecision(decision(), { policy }), {
        samples,
        minSampleNs: 0,
        warmupMs: 200,
      });
      rows.push({
        name: `evidence/append ${durability} mode, 1 decision in flight`,
        ...one,
        baseline: rawName,
      });
      const many = await concurrent(
        () => recorder.recordDecision(decision(), { policy }),
        32,
        Math.max(10, Math.round(30 * ctx.scale)),
      );
      rows.push({
        name: `evidence/append ${durability} mode, 32 in flight (per decision)`,
        ...many,
        baseline: rawName,
      });
      ctx.log(
        `  ${durability}: 1 in flight median ${one.median_us.toFixed(0)} µs, 32 in flight ${many.median_us.toFixed(0)} µs per decision`,
      );
      if (durability === 'group') {
        const met = (value: number) => (value <= 200 ? 'met' : 'NOT met');
        ctx.log(
          `  target group append <= 200 µs median: 1 in flight ${met(one.median_us)} (${one.median_us.toFixed(0)} µs), 32 in flight ${met(many.median_us)} (${many.median_us.toFixed(0)} µs)`,
        );
      }
      await recorder.close();
    }

    // Verification throughput on a log of n entries (receipts, one checkpoint per 1,000).
    const n = Math.max(2_000, Math.round(10_000 * ctx.scale));
    const store = createMemoryEvidenceStore();
    const writer = createEvidenceLogRecorder({
      store,
      keyRing: createMemoryKeyRing(),
      sha256: nodeSha256,
    });
    for (let batch = 0; batch < n; batch += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, n - batch) }, () =>
          writer.recordDecision(decision(), { policy }),
        ),
      );
    }
    await writer.close();
    const signer = await createJwsSigner(await generateEd25519Jwk());
    const jws = await signer.sign(jwsTypes.entry, JSON.stringify({ x: 'y'.repeat(1000) }));
    const key = (await importEd25519VerifyKey(signer.publicKey)) as CryptoKey;
    const single = await measureAsync(() => verifyJwsSignature(jws, key), {
      samples,
      minSampleNs: 0,
      warmupMs: 100,
    });
    const edName = 'evidence/verify floor: one Ed25519 signature (WebCrypto, 1 at a time)';
    rows.push({ name: edName, ...single, baseline: null });
    for (const signatures of ['all', 'uncovered'] as const) {
      const runs: number[] = [];
      for (let rep = 0; rep < 2; rep++) {
        const started = process.hrtime.bigint();
        const report = await verifyEvidence({
          entries: store.entries,
          checkpoints: store.checkpoints,
          signatures,
        });
        if (!report.ok)
          throw new Error(`bench log failed verification: ${report.failure?.message}`);
        runs.push(Number(process.hrtime.bigint() - started) / store.entries.length);
      }
      const summary = summarize(runs);
      const perSecond = Math.round(1e6 / summary.median_us);
      const label = signatures === 'all' ? 'every entry signature' : 'checkpoint-covered fast path';
      rows.push({
        name: `evidence/verify ${store.entries.length} entries, ${label} (per entry)`,
        ...summary,
        baseline: edName,
      });
      ctx.log(
        `  verify (${label}): ${perSecond} receipts/s; target >= 20,000/s ${perSecond >= 20_000 ? 'met' : 'NOT met'}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
