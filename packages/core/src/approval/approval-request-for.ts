import { validateArgs } from '../action/validate-args';
import { canonicalJson } from '../crypto';
import type { Decision, Violation } from '../guard/types';

/** What an app shows a human to ask for the approval that would let a blocked action run. */
export interface ApprovalRequest {
  decisionId: string;
  tool: string;
  toolCallId: string;
  sessionId: string;
  /** What a token must be bound to (`Action.argsDigest`). */
  argsDigest: string;
  /** The canonical action description: what the human is approving. */
  description: string;
  /** Policy variables to provide, one approval token each, e.g. `['authorization_token']`. */
  variables: string[];
  /** Why the action was blocked. */
  reason: string;
  violations: Violation[];
  /** A suggested `pnpm preflight approve ...` command per variable, for a human with a key. */
  commands: string[];
}

export interface ApprovalRequestOptions {
  /**
   * The tool args, to show them in the suggested commands (`--args`) so that the approver sees
   * what they approve. Default: none; the commands then carry `--args-digest` only.
   */
  args?: unknown;
  /** Approver id in the commands. Default: `<approver-id>`. */
  approverId?: string;
  /** Private key file in the commands. Default: `<key-file>`. */
  keyFile?: string;
  /** Bind the token to the decision's session (`--session`). Default: true. */
  bindSession?: boolean;
  /**
   * Variables a verified token establishes by itself (the verifier's `approverVariable`), so
   * they are not asked for separately. Default: `['approver_id']`.
   */
  grantedVariables?: string[];
}

/**
 * Turns a blocked decision into an approval request: which tokens (from the policy's
 * `wouldAllowWith`) would make exactly this action pass, and how to issue them. Undefined when
 * the decision is not blocked or no approval could make it pass (e.g. an amount over a hard
 * limit, a destination not on a list).
 *
 * The retry loop: show the request to a human, have them issue the tokens (CLI or
 * `issueApprovalToken`), put each token in the trusted context under its variable name and run
 * the same tool call again. Same tool and args give the same digest, so the tokens verify once.
 *
 * @example
 * const decision = await guard.check(call, context);
 * const request = approvalRequestFor(decision, { args: call.args });
 * if (request) await askHuman(request);
 */
export function approvalRequestFor(
  decision: Decision,
  {
    args,
    approverId = '<approver-id>',
    keyFile = '<key-file>',
    bindSession = true,
    grantedVariables = ['approver_id'],
  }: ApprovalRequestOptions = {},
): ApprovalRequest | undefined {
  const action = decision.action;
  if (decision.wouldAllow || action === undefined) return undefined;
  const variables = (decision.wouldAllowWith ?? []).filter(
    (variable) => !grantedVariables.includes(variable),
  );
  if (variables.length === 0) return undefined;

  const plainArgs = args === undefined ? undefined : validateArgs(args);
  // Args the guard could not digest cannot be shown faithfully: fall back to the digest.
  const argsFlag = plainArgs?.ok
    ? ['--args', canonicalJson(plainArgs.args)]
    : ['--args-digest', action.argsDigest];
  const sessionFlag = bindSession ? ['--session', action.sessionId] : [];
  const commands = variables.map((variable) =>
    ['pnpm', 'preflight', 'approve']
      .concat(['--approver', approverId, '--key', keyFile, '--variable', variable])
      .concat(['--tool', action.tool, ...argsFlag, ...sessionFlag])
      .map(shellQuote)
      .join(' '),
  );
  return {
    decisionId: decision.id,
    tool: action.tool,
    toolCallId: action.toolCallId,
    sessionId: action.sessionId,
    argsDigest: action.argsDigest,
    description: action.description,
    variables,
    reason: decision.reason,
    violations: decision.violations,
    commands,
  };
}

// POSIX single quoting: safe to paste into sh/bash/zsh whatever the model put in the args.
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
