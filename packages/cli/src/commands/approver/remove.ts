import { removeApprover } from '@preflight/core';
import { readTrustStoreFile, writeTrustStoreFile } from '@preflight/core/node';
import { defineCommand } from 'citty';
import { cli } from '../../cli-context';
import { trustStoreArgs, trustStorePath } from './trust-store-path';

/** `preflight approver remove <id>`: revoke an approver; their tokens stop verifying at once. */
export const removeCommand = defineCommand({
  meta: { name: 'remove', description: 'Remove an approver (revokes all their tokens)' },
  args: {
    id: { type: 'positional', description: 'Approver id', required: true },
    ...trustStoreArgs,
  },
  async run({ args }) {
    const context = cli();
    const path = trustStorePath(args['trust-store'], context);
    const data = await readTrustStoreFile(path);
    await writeTrustStoreFile(path, removeApprover(data, args.id));
    context.out(`Removed approver ${args.id}; tokens they signed no longer verify.`);
  },
});
