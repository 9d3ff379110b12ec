// H15 scratch: times verifyEvidencePath on a directory (wall and CPU).
import { verifyEvidencePath } from '@preflight/core/node';
const dir = process.argv[2] as string;
const mode = (process.argv[3] ?? 'all') as 'all' | 'uncovered';
for (let rep = 0; rep < Number(process.argv[4] ?? 2); rep++) {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = await verifyEvidencePath(dir, { signatures: mode });
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(c);
  console.log(`${mode}: ok=${r.ok} ${r.entries} entries in ${ms.toFixed(0)} ms = ${Math.round(r.entries / ms * 1000)}/s; main-thread+workers cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms sigs=${r.signaturesVerified} covered=${r.signaturesCoveredByCheckpoint}`, r.failure?.message ?? '');
}
