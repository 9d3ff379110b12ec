// H15 scratch: phase breakdown of verification (CPU time).
import { readEvidenceDirectory, nodeEvidenceCodec } from '@preflight/core/node';
import { parseEntryLine, MerkleTree, verifyEvidence } from '@preflight/core';
const dir = process.argv[2] as string;
const cpu = (label: string, fn: () => unknown) => {
  const c = process.cpuUsage(); const t = performance.now();
  const r = fn();
  const u = process.cpuUsage(c);
  console.log(label.padEnd(28), 'cpu', ((u.user + u.system) / 1000).toFixed(0).padStart(6), 'ms wall', (performance.now() - t).toFixed(0).padStart(6), 'ms');
  return r;
};
for (let rep = 0; rep < 3; rep++) {
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const contents = await readEvidenceDirectory(dir);
  const u0 = process.cpuUsage(c0);
  console.log('read'.padEnd(28), 'cpu', ((u0.user + u0.system) / 1000).toFixed(0).padStart(6), 'ms wall', (performance.now() - t0).toFixed(0).padStart(6), 'ms');
  const headers = new Map();
  const parsed = cpu('parse', () => contents.entries.map((l) => parseEntryLine(l, { headers, ...nodeEvidenceCodec })));
  const leaves = (parsed as any[]).map((p) => p.value.leaf);
  cpu('tree', () => new MerkleTree(leaves));
  const c = process.cpuUsage(); const t = performance.now();
  await verifyEvidence({ ...contents, ...nodeEvidenceCodec, signatures: 'uncovered' });
  const u = process.cpuUsage(c);
  console.log('verifyEvidence uncovered'.padEnd(28), 'cpu', ((u.user + u.system) / 1000).toFixed(0).padStart(6), 'ms wall', (performance.now() - t).toFixed(0).padStart(6), 'ms');
}
