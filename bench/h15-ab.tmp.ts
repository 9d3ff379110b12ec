// H15 A/B: append latency/throughput for one implementation root (env ROOT = .../src).
import type { Decision, PolicyIR } from '@preflight/core';
const root = process.env.ROOT as string;
const core = await import(`${root}/index.ts`);
const node = await import(`${root}/node/index.ts`);
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



const mode = process.argv[2] as string;
const dir = process.argv[3] as string;
const n = Number(process.argv[4] ?? 1000);
const recorder = mode === 'memory'
  ? core.createEvidenceLogRecorder({ store: core.createMemoryEvidenceStore(), keyRing: core.createMemoryKeyRing(), sha256: node.nodeSha256 })
  : node.createEvidenceRecorder({ dir, durability: mode });
for (let i = 0; i < 200; i++) await recorder.recordDecision(decision(), { policy });
const times: number[] = [];
const c0 = process.cpuUsage();
for (let i = 0; i < n; i++) { const t = performance.now(); await recorder.recordDecision(decision(), { policy }); times.push(performance.now() - t); }
const cpu1 = process.cpuUsage(c0);
times.sort((a, b) => a - b);
const out = [`median ${(times[n >> 1]! * 1000).toFixed(0)}`, `cpu/decision ${((cpu1.user + cpu1.system) / n).toFixed(0)}`];
for (const inflight of [8, 32]) {
  const c = process.cpuUsage(); const t = performance.now(); let k = 0;
  const rounds = Math.max(20, Math.round(n / inflight));
  for (let r = 0; r < rounds; r++) { await Promise.all(Array.from({ length: inflight }, () => recorder.recordDecision(decision(), { policy }))); k += inflight; }
  const u = process.cpuUsage(c);
  out.push(`${inflight}-in-flight ${((performance.now() - t) * 1000 / k).toFixed(0)} (cpu ${((u.user + u.system) / k).toFixed(0)})`);
}
console.log(`${root.includes('/tmp/') ? 'OLD' : 'NEW'} ${mode.padEnd(6)} µs: ${out.join('  ')}`);
await recorder.close();
process.exit(0);
