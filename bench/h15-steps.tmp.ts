// H15 scratch: cost of each append step for one receipt.
import type { Decision, PolicyIR } from '@preflight/core';
import { buildDecisionReceipt, canonicalJson, entryHash, entryJson, prepareEntryBody, jwsLeafHash, formatEntryLine, generateEd25519Jwk, createJwsSigner, jwsTypes } from '@preflight/core';
import { nodeSha256, createNodeJwsSigner } from '@preflight/core/node';
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



const jwk = await generateEd25519Jwk();
const nodeSigner = await createNodeJwsSigner(jwk);
const webSigner = await createJwsSigner(jwk);
const base = { version: 'v1', logId: '6f1c1c6e-3f0a-4f5e-9a53-3f1f6f0c2b11', seq: 123456, time: new Date().toISOString(), prev: 'sha256:' + 'a'.repeat(64) };
const ds = Array.from({ length: 2000 }, () => decision());
const receipts = ds.map((d) => buildDecisionReceipt(d));
const prepared = ds.map((d) => prepareEntryBody(buildDecisionReceipt(d)));
const jsons = prepared.map((b) => entryJson(base, b));
const jwss = await Promise.all(jsons.map((j) => nodeSigner.sign(jwsTypes.entry, j)));
async function t(name: string, fn: (i: number) => unknown) {
  for (let i = 0; i < ds.length; i++) await fn(i);
  const c = process.cpuUsage(); const s = performance.now();
  for (let r = 0; r < 3; r++) for (let i = 0; i < ds.length; i++) await fn(i);
  const u = process.cpuUsage(c);
  console.log(name.padEnd(32), 'wall', ((performance.now() - s) * 1000 / ds.length / 3).toFixed(1).padStart(6), 'cpu', ((u.user + u.system) / ds.length / 3).toFixed(1).padStart(6), 'µs');
}
for (let k = 0; k < 2; k++) {
await t('buildDecisionReceipt', (i) => buildDecisionReceipt(ds[i]!));
await t('canonicalJson(receipt)', (i) => canonicalJson(receipts[i]));
await t('prepareEntryBody', (i) => prepareEntryBody({ ...receipts[i]! }));
await t('entryJson(prepared)', (i) => entryJson(base, prepared[i]!));
await t('canonicalJson(entry)', (i) => canonicalJson({ ...base, ...receipts[i] }));
await t('entryHash(json)', (i) => entryHash(jsons[i]!, nodeSha256));
await t('node sign', (i) => nodeSigner.sign(jwsTypes.entry, jsons[i]!));
await t('webcrypto sign', (i) => webSigner.sign(jwsTypes.entry, jsons[i]!));
await t('jwsLeafHash', (i) => jwsLeafHash(jwss[i]!, nodeSha256));
await t('formatEntryLine', (i) => formatEntryLine(jwss[i]!));
}
