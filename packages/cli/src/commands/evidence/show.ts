import {
  MerkleTree,
  PreflightError,
  parseEntryLine,
  toCompactJws,
  verifyEvidence,
  verifyInclusion,
} from '@preflight/core';
import {
  createNodeEd25519Verifier,
  nodeEvidenceCodec,
  readEvidenceDirectory,
} from '@preflight/core/node';
import { defineCommand } from 'citty';
import { cli } from '../../cli-context';
import { exitCodes } from '../../exit-code';
import { resolveEvidenceDir } from './evidence-dir';

/** `preflight evidence show <receipt-id>`: one receipt, its verification and inclusion proof. */
export const showCommand = defineCommand({
  meta: {
    name: 'show',
    description: 'Show one receipt with its verification and Merkle inclusion proof',
  },
  args: {
    receipt: {
      type: 'positional',
      description: 'Receipt id (the decision id), or #<seq>',
      required: true,
    },
    dir: {
      type: 'string',
      description: 'Evidence directory (default: $PREFLIGHT_EVIDENCE_DIR or .preflight/evidence)',
    },
    json: { type: 'boolean', description: 'Print one JSON object', default: false },
  },
  async run({ args }) {
    const context = cli();
    const contents = await readEvidenceDirectory(
      resolveEvidenceDir(args.dir, context.env, context.cwd),
    );
    const headers = new Map();
    const parsed = contents.entries.map((line) =>
      parseEntryLine(line, { headers, ...nodeEvidenceCodec }),
    );
    const wanted = args.receipt.startsWith('#') ? Number(args.receipt.slice(1)) : undefined;
    const index = parsed.findIndex(
      (p) =>
        p.ok &&
        (wanted !== undefined
          ? p.value.entry.seq === wanted
          : p.value.entry.kind === 'decision' && p.value.entry.receiptId === args.receipt),
    );
    const found = parsed[index];
    if (!found?.ok) {
      throw new PreflightError({
        code: 'INPUT_INVALID',
        message: `No receipt ${args.receipt} in the evidence log.`,
      });
    }
    const { entry, jws, header, leaf, hash } = found.value;
    const verifier = createNodeEd25519Verifier();
    const report = await verifyEvidence({
      ...contents,
      ...nodeEvidenceCodec,
      verifySignatures: verifier.verify,
      // The receipt is shown on its own: its own signature must be checked, not only the
      // checkpoint that covers it.
      signatures: 'all',
    }).finally(() => verifier.close());
    const problems = report.failures.filter((f) => f.seq === entry.seq);
    const checkpoint = report.latestCheckpoint;
    const leaves = parsed.map((p) => (p.ok ? p.value.leaf : new Uint8Array(32)));
    const covered = checkpoint !== null && entry.seq < checkpoint.size;
    const proof = covered ? new MerkleTree(leaves).inclusionProof(entry.seq, checkpoint.size) : [];
    const included =
      covered &&
      verifyInclusion(
        entry.seq,
        checkpoint.size,
        leaf,
        proof,
        Uint8Array.from(Buffer.from(checkpoint.root, 'hex')),
      );
    const outcome = parsed.find(
      (p) =>
        p.ok &&
        p.value.entry.kind === 'outcome' &&
        p.value.entry.receiptId === (entry.kind === 'decision' ? entry.receiptId : ''),
    );
    const result = {
      receipt: entry,
      entryHash: hash,
      jws: toCompactJws(jws),
      verification: {
        signatureValid: !problems.some((p) => p.code === 'SIGNATURE' || p.code === 'KEY'),
        keyId: header.kid,
        problems,
        logVerified: report.ok,
      },
      inclusionProof: covered
        ? {
            treeSize: checkpoint.size,
            leafIndex: entry.seq,
            root: checkpoint.root,
            hashes: proof.map((h) => Buffer.from(h).toString('hex')),
            verified: included,
          }
        : null,
      outcome: outcome?.ok ? outcome.value.entry : null,
    };
    if (args.json) context.out(JSON.stringify(result, null, 2));
    else {
      const c = context.color;
      context.out(JSON.stringify(entry, null, 2));
      context.out('');
      context.out(
        `signature   ${result.verification.signatureValid ? c.green('valid') : c.red('INVALID')} (Ed25519, key ${header.kid})`,
      );
      for (const problem of problems)
        context.out(c.red(`problem     [${problem.code}] ${problem.message}`));
      context.out(`entry hash  ${hash}`);
      context.out(
        result.inclusionProof
          ? `inclusion   ${included ? c.green('verified') : c.red('FAILED')}: leaf ${entry.seq} of ${checkpoint?.size} under root ${checkpoint?.root}`
          : c.yellow('inclusion   not yet covered by a signed checkpoint'),
      );
      for (const h of result.inclusionProof?.hashes ?? []) context.out(`            ${h}`);
      if (result.outcome?.kind === 'outcome')
        context.out(
          `outcome     ran ${result.outcome.ran}, ok ${result.outcome.ok}${result.outcome.durationMs !== undefined ? `, ${result.outcome.durationMs} ms` : ''}`,
        );
    }
    context.exitCode =
      problems.length === 0 && (!covered || included) ? exitCodes.ok : exitCodes.failed;
  },
});
