import { relative } from 'node:path';
import { readTrustStoreFile } from '@preflight/core/node';
import { defineCommand } from 'citty';
import { cli } from '../../cli-context';
import { trustStoreArgs, trustStorePath } from './trust-store-path';

/** `preflight approver list`: who may approve, with which keys, for which variables. */
export const listCommand = defineCommand({
  meta: { name: 'list', description: 'List the approvers in the trust store' },
  args: {
    ...trustStoreArgs,
    json: { type: 'boolean', description: 'Print the trust store as JSON', default: false },
  },
  async run({ args }) {
    const context = cli();
    const path = trustStorePath(args['trust-store'], context);
    const data = await readTrustStoreFile(path, { missingOk: true });
    if (args.json) {
      context.out(JSON.stringify(data, null, 2));
      return;
    }
    const ids = Object.keys(data.approvers).sort();
    const shownPath = relative(context.cwd, path).startsWith('..')
      ? path
      : relative(context.cwd, path);
    if (ids.length === 0) {
      context.out(`No approvers in ${shownPath}. Add one with: preflight approver add <id> ...`);
      return;
    }
    context.out(context.color.dim(`${ids.length} approver(s) in ${shownPath}`));
    for (const id of ids) {
      const entry = data.approvers[id]!;
      const name = entry.name === undefined ? '' : ` (${entry.name})`;
      const variables =
        entry.variables === undefined ? 'any variable' : entry.variables.join(', ') || 'none';
      context.out(`${context.color.bold(id)}${name}`);
      context.out(`  may approve: ${variables}`);
      for (const key of entry.keys) context.out(`  key: ${key.kid ?? key.x}`);
    }
  },
});
