import { resolve } from 'node:path';
import { verifyEvidencePath } from '@preflight/core/node';
import { defineCommand } from 'citty';
import { cli } from '../../cli-context';
import { exitCodes } from '../../exit-code';
import { readInputFile } from '../../read-input-file';
import { createProgressBar } from './evidence-dir';
import { formatVerification } from './format-verification';

/** `preflight evidence verify <dir-or-bundle>`: offline; exit 0 verified, 1 failed, 2 bad input. */
export const verifyCommand = defineCommand({
  meta: {
    name: 'verify',
    description: 'Verify an evidence directory or bundle offline (exit 1 on tampering)',
  },
  args: {
    path: {
      type: 'positional',
      description: 'Evidence directory or exported bundle',
      required: true,
    },
    key: {
      type: 'string',
      description: 'Trusted signing key id(s), comma-separated (RFC 7638 thumbprints)',
    },
    checkpoint: {
      type: 'string',
      description: 'A checkpoint you kept (file with one checkpoint line; the last line counts)',
    },
    'all-signatures': {
      type: 'boolean',
      description:
        "Also check each entry's own signature under the latest checkpoint (by default the checkpoint's signature covers them)",
      default: false,
    },
    json: { type: 'boolean', description: 'Print the verification report as JSON', default: false },
  },
  async run({ args }) {
    const context = cli();
    const path = resolve(context.cwd, args.path);
    const trustedCheckpoint = args.checkpoint
      ? (await readInputFile(args.checkpoint, context.cwd)).trim().split('\n').at(-1)
      : undefined;
    const report = await verifyEvidencePath(path, {
      ...(args.key
        ? {
            trustedKeyIds: args.key
              .split(',')
              .map((k) => k.trim())
              .filter(Boolean),
          }
        : {}),
      ...(trustedCheckpoint ? { trustedCheckpoint } : {}),
      signatures: args['all-signatures'] ? 'all' : 'uncovered',
      onProgress: createProgressBar('verifying'),
    });
    if (args.json) context.out(JSON.stringify(report, null, 2));
    else for (const line of formatVerification(report, args.path, context.color)) context.out(line);
    context.exitCode = report.ok ? exitCodes.ok : exitCodes.failed;
  },
});
