// H15 scratch: verifyEvidence on in-memory lines (as the bench does), both modes.
import { verifyEvidence } from '@preflight/core';
import { createNodeEd25519Verifier, nodeEvidenceCodec, readEvidenceDirectory } from '@preflight/core/node';
const contents = await readEvidenceDirectory(process.argv[2] as string);
const verifier = createNodeEd25519Verifier();
for (const signatures of (process.env.MODES ?? 'uncovered,all,uncovered,all').split(',') as Array<'all' | 'uncovered'>) {
  const c = process.cpuUsage(); const t = performance.now();
  const r = await verifyEvidence({ ...contents, ...nodeEvidenceCodec, verifySignatures: verifier.verify, signatures });
  const ms = performance.now() - t; const u = process.cpuUsage(c);
  console.log(signatures.padEnd(10), r.ok, Math.round(r.entries / ms * 1000), '/s wall; cpu (main+workers)', ((u.user + u.system) / r.entries).toFixed(1), 'µs/entry');
}
await verifier.close();
