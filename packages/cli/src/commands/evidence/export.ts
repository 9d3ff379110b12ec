import { resolve } from 'node:path';
import { exportEvidenceBundle } from '@preflight/core/node';
import { defineCommand } from 'citty';
import { cli } from '../../cli-context';
import { exitCodes } from '../../exit-code';
import { createProgressBar, parseTimeOption, resolveEvidenceDir } from './evidence-dir';

/** `preflight evidence export --out <dir>`: the auditor's bundle; exit 1 if the log fails verification. */
export const exportCommand = defineCommand({
  meta: {
    name: 'export',
    description: "Export the auditor's bundle (policy history, results, receipts, proofs, report)",
  },
  args: {
    out: { type: 'string', description: 'Directory to write the bundle to', required: true },
    dir: {
      type: 'string',
      description: 'Evidence directory (default: $PREFLIGHT_EVIDENCE_DIR or .preflight/evidence)',
    },
    since: { type: 'string', description: 'Only decisions at or after this time (ISO 8601)' },
    until: { type: 'string', description: 'Only decisions at or before this time (ISO 8601)' },
    checkpoint: {
      type: 'boolean',
      description: 'Sign a fresh checkpoint first (needs the signing key)',
      default: true,
    },
  },
  async run({ args }) {
    const context = cli();
    const since = parseTimeOption('since', args.since);
    const until = parseTimeOption('until', args.until);
    const dir = resolveEvidenceDir(args.dir, context.env, context.cwd);
    const out = resolve(context.cwd, args.out);
    const bars = { verify: createProgressBar('verifying'), bundle: createProgressBar('bundling ') };
    const result = await exportEvidenceBundle({
      dir,
      out,
      since,
      until,
      checkpoint: args.checkpoint,
      onProgress: (phase, done, total) => bars[phase](done, total),
    });
    for (const warning of result.warnings) context.err(context.color.yellow(`warning: ${warning}`));
    const v = result.verification;
    context.out(`Wrote ${result.files} files to ${args.out}`);
    context.out(
      `  ${v.decisions.total} decisions in the log, verification ${v.ok ? context.color.green('OK') : context.color.red(`FAILED: ${v.failure?.message ?? ''}`)}`,
    );
    context.out(
      `  open ${args.out}/report.html; re-verify with: preflight evidence verify ${args.out}`,
    );
    context.exitCode = v.ok ? exitCodes.ok : exitCodes.failed;
  },
});
