import { resolve } from 'node:path';
import { compilePolicy, createIcmeClient, PreflightError } from '@preflight/core';
import {
  createUndiciTransport,
  icmeClientOptionsFromEnv,
  policyLockPath,
  policyTextHash,
  readPolicyLock,
  recordPolicyVersion,
} from '@preflight/core/node';
import { defineCommand } from 'citty';
import { cli } from '../../cli-context';
import { createPushProgress } from '../../push-progress';
import { readInputFile } from '../../read-input-file';

/**
 * `preflight policy push <file>`: compiles the policy on the ICME API (makeRules, 300 credits,
 * a new policy id every time) with live progress, and records the version in `<file>.lock.json`.
 */
export const pushCommand = defineCommand({
  meta: {
    name: 'push',
    description: 'Compile a policy on the ICME API and record it in <file>.lock.json',
  },
  args: {
    file: { type: 'positional', description: 'Plain-English policy file (.txt)', required: true },
    force: {
      type: 'boolean',
      description: 'Recompile even if the text is unchanged since the last push (costs credits)',
      default: false,
    },
    json: { type: 'boolean', description: 'Print the recorded version as JSON', default: false },
  },
  async run({ args }) {
    const context = cli();
    if (/\.json$/i.test(args.file)) {
      throw new PreflightError({
        code: 'INPUT_INVALID',
        message: 'policy push sends plain-English text to ICME; give the .txt policy, not IR JSON.',
      });
    }
    const path = resolve(context.cwd, args.file);
    const text = await readInputFile(args.file, context.cwd);
    const textHash = policyTextHash(text);
    const previous = await readPolicyLock(path);
    if (previous && previous.current.textHash === textHash && !args.force) {
      if (args.json) context.out(JSON.stringify(previous.current, null, 2));
      else {
        context.out(
          `${args.file} is unchanged since ${previous.current.createdAt}: ICME policy ${previous.current.policyId}.`,
        );
        context.out('Nothing pushed (use --force to recompile; each compile costs 300 credits).');
      }
      return;
    }
    let irHash: string | null = null;
    try {
      irHash = compilePolicy(text).hash;
    } catch {
      context.err(
        context.color.yellow(
          'note: the text is outside the local grammar; only the icme engine can use it.',
        ),
      );
    }
    const options = icmeClientOptionsFromEnv({}, context.env);
    if (!options.apiKey) {
      throw new PreflightError({
        code: 'INPUT_INVALID',
        message: 'Set ICME_API_KEY to push a policy.',
      });
    }
    const transport = createUndiciTransport();
    const interactive = process.stderr.isTTY === true && context.env['TERM'] !== 'dumb';
    const progress = createPushProgress('Compiling on ICME', interactive && !args.json);
    const started = Date.now();
    try {
      const client = createIcmeClient({ ...options, transport });
      const made = await client.makeRules(text, { onProgress: (event) => progress.step(event) });
      progress.stop();
      const lock = await recordPolicyVersion(path, {
        policyId: made.policyId,
        textHash,
        irHash,
        createdAt: new Date().toISOString(),
        baseUrl: client.baseUrl,
        ...(made.ruleCount === undefined ? {} : { ruleCount: made.ruleCount }),
        ...(made.scenarioCount === undefined ? {} : { scenarioCount: made.scenarioCount }),
      });
      if (args.json) {
        context.out(JSON.stringify(lock.current, null, 2));
        return;
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const rules = made.ruleCount === undefined ? '' : `, ${made.ruleCount} rules`;
      context.out(
        `${context.color.green('pushed')} ${args.file}: ICME policy ${made.policyId} (${seconds}s${rules})`,
      );
      context.out(
        `recorded in ${policyLockPath(args.file)} (${lock.history.length} earlier versions)`,
      );
    } finally {
      progress.stop();
      await transport.close();
    }
  },
});
