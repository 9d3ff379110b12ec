import { resolve } from 'node:path';
import { PreflightError } from '@preflight/core';
import { policyLockPath, policyTextHash, readPolicyLock } from '@preflight/core/node';
import { defineCommand } from 'citty';
import { cli } from '../../cli-context';
import { exitCodes } from '../../exit-code';
import { readInputFile } from '../../read-input-file';

/**
 * `preflight policy status <file>`: the ICME version recorded in `<file>.lock.json` and whether
 * the policy text changed since. Exit 0 up to date, 1 changed since the push, 2 never pushed.
 */
export const statusCommand = defineCommand({
  meta: {
    name: 'status',
    description: 'Show the ICME version of a policy recorded by policy push',
  },
  args: {
    file: { type: 'positional', description: 'Policy file (.txt)', required: true },
    json: { type: 'boolean', description: 'Print the status as JSON', default: false },
  },
  async run({ args }) {
    const context = cli();
    const path = resolve(context.cwd, args.file);
    const text = await readInputFile(args.file, context.cwd);
    const lock = await readPolicyLock(path);
    const textHash = policyTextHash(text);
    const upToDate = lock?.current.textHash === textHash;
    context.exitCode = !lock ? exitCodes.usage : upToDate ? exitCodes.ok : exitCodes.failed;
    if (args.json) {
      context.out(
        JSON.stringify(
          { policy: args.file, pushed: lock !== undefined, upToDate, textHash, lock: lock ?? null },
          null,
          2,
        ),
      );
      return;
    }
    if (!lock) {
      throw new PreflightError({
        code: 'FILE_NOT_FOUND',
        message: `${args.file} has not been pushed to ICME (no ${policyLockPath(args.file)}). Run "preflight policy push ${args.file}".`,
      });
    }
    const { current, history } = lock;
    const { color, out } = context;
    out(
      `${color.bold(args.file)}  ${upToDate ? color.green('up to date') : color.yellow('changed since the last push: run policy push')}`,
    );
    out(`  ICME policy id  ${current.policyId}`);
    out(`  pushed          ${current.createdAt}${current.baseUrl ? ` to ${current.baseUrl}` : ''}`);
    out(`  text hash       ${current.textHash}`);
    out(`  IR hash         ${current.irHash ?? '(outside the local grammar)'}`);
    if (current.ruleCount !== undefined) out(`  rules           ${current.ruleCount}`);
    out(`  earlier         ${history.length === 0 ? 'none' : ''}`);
    for (const entry of history)
      out(`    ${entry.createdAt}  ${entry.policyId}  ${entry.textHash.slice(0, 19)}…`);
  },
});
