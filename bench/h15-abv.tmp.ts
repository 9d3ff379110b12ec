// H15 A/B: verification old vs new on the same in-memory log, interleaved.
const oldCore = await import('/tmp/h15/old/src/index.ts');
const oldNode = await import('/tmp/h15/old/src/node/index.ts');
const core = await import('/work/main/packages/core/src/index.ts');
const node = await import('/work/main/packages/core/src/node/index.ts');
const { readEvidenceDirectory } = node;
const contents = await readEvidenceDirectory(process.argv[2] as string);
const verifier = node.createNodeEd25519Verifier();
const variants: Array<[string, (signatures: 'all' | 'uncovered') => Promise<{ ok: boolean }>]> = [
  ['OLD (nodeSha256, WebCrypto)', (signatures) => oldCore.verifyEvidence({ ...contents, sha256: oldNode.nodeSha256, signatures })],
  ['NEW (native codec + verifier)', (signatures) => core.verifyEvidence({ ...contents, ...node.nodeEvidenceCodec, verifySignatures: verifier.verify, signatures })],
];
for (const signatures of ['uncovered', 'all'] as const) {
  for (let round = 0; round < Number(process.argv[3] ?? 2); round++) {
    for (const [name, run] of variants) {
      const t = performance.now();
      const report = await run(signatures);
      const ms = performance.now() - t;
      console.log(`${signatures.padEnd(9)} round ${round} ${name.padEnd(32)} ${String(Math.round(contents.entries.length / ms * 1000)).padStart(6)} entries/s ok=${report.ok}`);
    }
  }
}
await verifier.close();
process.exit(0);
