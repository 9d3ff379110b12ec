// H15 scratch: times verifyEvidencePath on a directory.
import { verifyEvidencePath } from '@preflight/core/node';
const dir = process.argv[2] as string;
const mode = (process.argv[3] ?? 'all') as 'all' | 'uncovered';
for (let rep = 0; rep < Number(process.argv[4] ?? 2); rep++) {
  const t = performance.now();
  const r = await verifyEvidencePath(dir, { signatures: mode });
  const ms = performance.now() - t;
  console.log(`${mode}: ok=${r.ok} ${r.entries} entries in ${ms.toFixed(0)} ms = ${Math.round(r.entries / ms * 1000)}/s sigs=${r.signaturesVerified} covered=${r.signaturesCoveredByCheckpoint}`, r.failure?.message ?? '');
}
