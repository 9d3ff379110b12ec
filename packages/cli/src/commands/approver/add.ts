import { relative, resolve } from 'node:path';
import { addApprover, generateApproverKeyPair, PreflightError, publicJwkOf } from '@preflight/core';
import {
  readApproverPublicKeyFile,
  readTrustStoreFile,
  writeApproverPrivateKeyFile,
  writeTrustStoreFile,
} from '@preflight/core/node';
import { defineCommand } from 'citty';
import { cli } from '../../cli-context';
import { trustStoreArgs, trustStorePath } from './trust-store-path';

/** `preflight approver add <id>`: trust an approver's public key (or generate their key pair). */
export const addCommand = defineCommand({
  meta: { name: 'add', description: "Add an approver's public key to the trust store" },
  args: {
    id: { type: 'positional', description: 'Approver id, e.g. alice@example.com', required: true },
    'public-key': { type: 'string', description: 'Public key file (Ed25519 JWK or SPKI PEM)' },
    generate: {
      type: 'boolean',
      description: 'Generate a new key pair; the private key goes to --out (mode 0600)',
      default: false,
    },
    out: { type: 'string', description: 'With --generate: where to write the private key' },
    name: { type: 'string', description: 'Display name, e.g. "Alice Example (CISO)"' },
    variables: {
      type: 'string',
      description: 'Comma-separated policy variables the approver may satisfy (default: any)',
    },
    ...trustStoreArgs,
    json: { type: 'boolean', description: 'Print the added approver as JSON', default: false },
  },
  async run({ args }) {
    const context = cli();
    if ((args['public-key'] === undefined) === !args.generate) {
      throw usage('Give exactly one of --public-key <file> or --generate --out <file>.');
    }
    if (args.generate && args.out === undefined) {
      throw usage('--generate needs --out <file> for the private key.');
    }
    const path = trustStorePath(args['trust-store'], context);
    const data = await readTrustStoreFile(path, { missingOk: true });
    let publicKey: Awaited<ReturnType<typeof readApproverPublicKeyFile>>;
    let keyFile: string | undefined;
    if (args.generate) {
      const pair = await generateApproverKeyPair();
      const out = resolve(context.cwd, args.out!);
      keyFile = shown(context.cwd, out);
      // Validate the trust store change before writing the secret, so a bad id leaves no key.
      addApprover(data, { id: args.id, publicKey: pair.publicJwk });
      await writeApproverPrivateKeyFile(out, pair.privateJwk);
      publicKey = publicJwkOf(pair.privateJwk);
    } else {
      publicKey = await readApproverPublicKeyFile(resolve(context.cwd, args['public-key']!));
    }
    const variables = args.variables
      ?.split(',')
      .map((variable) => variable.trim())
      .filter((variable) => variable !== '');
    const updated = addApprover(data, {
      id: args.id,
      publicKey,
      ...(args.name === undefined ? {} : { name: args.name }),
      ...(variables === undefined ? {} : { variables }),
    });
    await writeTrustStoreFile(path, updated);
    const shownPath = shown(context.cwd, path);
    if (args.json) {
      context.out(
        JSON.stringify({
          id: args.id,
          ...updated.approvers[args.id],
          trustStore: shownPath,
          keyFile,
        }),
      );
      return;
    }
    context.out(`Added approver ${args.id} (key ${publicKey.kid ?? publicKey.x}) to ${shownPath}`);
    if (keyFile !== undefined) {
      context.out(`Private key written to ${keyFile} (mode 0600). Only ${args.id} should hold it.`);
    }
  },
});

function usage(message: string): PreflightError {
  return new PreflightError({ code: 'INPUT_INVALID', message });
}

/** A path as the user would type it: relative to cwd when inside it. */
function shown(cwd: string, path: string): string {
  const relativePath = relative(cwd, path);
  return relativePath.startsWith('..') || relativePath === '' ? path : relativePath;
}
