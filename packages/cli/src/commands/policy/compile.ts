import { emitSmtLib, PreflightError, variableCatalogue } from '@preflight/core';
import { defineCommand } from 'citty';
import { cli } from '../../cli-context';
import { exitCodes } from '../../exit-code';
import { formatPolicySummary } from '../../format-policy-summary';
import { loadPolicy } from '../../load-policy';
import { reportError } from '../../report-error';

/** `preflight policy compile`: summary, IR (--json) or SMT-LIB (--smt); compile errors exit 1. */
export const compileCommand = defineCommand({
  meta: { name: 'compile', description: 'Compile a policy; print a summary, the IR or SMT-LIB' },
  args: {
    file: {
      type: 'positional',
      description: 'Policy file (.txt controlled English or .json IR)',
      required: true,
    },
    json: { type: 'boolean', description: 'Print the policy IR as JSON', default: false },
    smt: { type: 'boolean', description: 'Print the policy as SMT-LIB', default: false },
  },
  async run({ args }) {
    const context = cli();
    if (args.json && args.smt) {
      throw new PreflightError({
        code: 'INPUT_INVALID',
        message: 'Give --json or --smt, not both.',
      });
    }
    let policy: Awaited<ReturnType<typeof loadPolicy>>;
    try {
      policy = await loadPolicy(args.file, context.cwd);
    } catch (error) {
      const compileError = PreflightError.isInstance(error) && error.code.startsWith('POLICY_');
      if (!compileError) throw error;
      reportError(error);
      context.exitCode = exitCodes.failed;
      return;
    }
    if (args.json) context.out(JSON.stringify(policy.ir, null, 2));
    else if (args.smt) context.out(emitSmtLib(policy.ir));
    else {
      const summary = formatPolicySummary(policy, variableCatalogue(policy.ir), context.color);
      for (const line of summary) context.out(line);
    }
  },
});
