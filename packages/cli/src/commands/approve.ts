import { resolve } from 'node:path';
import {
  approvalArgsDigest,
  canonicalJson,
  decodeApprovalClaims,
  issueApprovalToken,
  PreflightError,
} from '@preflight/core';
import { readApproverPrivateKeyFile } from '@preflight/core/node';
import { defineCommand } from 'citty';
import { cli } from '../cli-context';
import { checkSignerTrusted } from './approver/check-signer-trusted';
import { parseTtl } from './approver/parse-ttl';
import { trustStoreArgs, trustStorePath } from './approver/trust-store-path';

/**
 * `preflight approve`: a human approves exactly one action by signing a single-use token for it.
 * The token is printed alone on stdout (for `$(...)`); what was approved goes to stderr.
 */
export const approveCommand = defineCommand({
  meta: {
    name: 'approve',
    description: 'Sign an approval token for one action (tool + args), printed on stdout',
  },
  args: {
    approver: {
      type: 'string',
      description: 'Your approver id (as in the trust store)',
      required: true,
    },
    key: {
      type: 'string',
      description: 'Your private key file (JWK or PKCS#8 PEM)',
      required: true,
    },
    variable: {
      type: 'string',
      description: 'Policy variable the token satisfies',
      default: 'authorization_token',
    },
    tool: { type: 'string', description: 'Tool of the approved action', required: true },
    args: { type: 'string', description: 'Tool args of the approved action, as JSON' },
    'args-digest': {
      type: 'string',
      description:
        'The action args digest (sha256:...) from an approval request, instead of --args',
    },
    session: { type: 'string', description: 'Limit the token to this session id' },
    ttl: { type: 'string', description: 'Lifetime, e.g. 90s, 15m, 1h (max 24h)', default: '15m' },
    ...trustStoreArgs,
    json: {
      type: 'boolean',
      description: 'Print the token and its claims as JSON',
      default: false,
    },
  },
  async run({ args }) {
    const context = cli();
    if ((args.args === undefined) === (args['args-digest'] === undefined)) {
      throw usage("Give exactly one of --args '<json>' or --args-digest sha256:...");
    }
    const ttlSeconds = parseTtl(args.ttl);
    const toolArgs = args.args === undefined ? undefined : parseArgsJson(args.args);
    const argsDigest = toolArgs === undefined ? args['args-digest']! : approvalArgsDigest(toolArgs);
    const keyPath = resolve(context.cwd, args.key);
    const { privateJwk, permissionsTooOpen } = await readApproverPrivateKeyFile(keyPath);
    if (permissionsTooOpen) {
      context.err(
        context.color.yellow(
          `warning: ${args.key} is readable by others; run chmod 600 ${args.key}`,
        ),
      );
    }
    const warning = await checkSignerTrusted({
      path: trustStorePath(args['trust-store'], context),
      approverId: args.approver,
      publicX: privateJwk.x,
    });
    if (warning !== undefined) context.err(context.color.yellow(`warning: ${warning}`));

    const token = await issueApprovalToken({
      approverId: args.approver,
      privateKey: privateJwk,
      variable: args.variable,
      tool: args.tool,
      argsDigest,
      ttlSeconds,
      ...(args.session === undefined ? {} : { sessionId: args.session }),
    });
    const claims = decodeApprovalClaims(token);
    if (args.json) {
      context.out(JSON.stringify({ token, claims }, null, 2));
      return;
    }
    // The approver reads what they signed on stderr; stdout stays the bare token.
    context.err(`${args.approver} approves ${args.variable} for tool ${args.tool}`);
    if (toolArgs !== undefined) context.err(`  args: ${canonicalJson(toolArgs)}`);
    context.err(`  args digest: ${argsDigest}`);
    if (args.session !== undefined) context.err(`  session: ${args.session}`);
    context.err(
      `  token id ${claims.jti}, single use, expires ${new Date(claims.exp * 1000).toISOString()}`,
    );
    context.out(token);
  },
});

function parseArgsJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `--args is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
}

function usage(message: string): PreflightError {
  return new PreflightError({ code: 'INPUT_INVALID', message });
}
