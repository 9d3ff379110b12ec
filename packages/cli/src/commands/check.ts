import { PreflightError } from '@preflight/core';
import { defineCommand } from 'citty';
import { parseVars } from '../check-action';
import { resolveCheckEngine } from '../check-engines';
import { cli } from '../cli-context';
import { exitCodes } from '../exit-code';
import { formatCheckReport } from '../format-check-report';
import { loadListsFor } from '../load-lists';
import { loadPolicy } from '../load-policy';
import { runToolCallCheck, toolCallArgs } from './check-tool-call';

/** `preflight check`: one decision on one action. Exit 0 allowed (SAT), 1 not allowed. */
export const checkCommand = defineCommand({
  meta: { name: 'check', description: 'Check one action against a policy (exit 0 allowed, 1 not)' },
  args: {
    policy: {
      type: 'string',
      description: 'Policy file: controlled English (.txt) or IR (.json)',
      required: true,
    },
    action: { type: 'string', description: 'The action, as a plain-English description' },
    vars: { type: 'string', description: 'The action as JSON variables, e.g. {"record_count": 3}' },
    lists: {
      type: 'string',
      description: 'List data (JSON/YAML); default: lists.json next to the policy',
    },
    engine: {
      type: 'string',
      description: 'Checker: local (embedded), icme or dual',
      default: 'local',
    },
    'policy-id': { type: 'string', description: 'ICME policy id (icme and dual engines)' },
    json: { type: 'boolean', description: 'Print one JSON object', default: false },
    ...toolCallArgs,
  },
  async run({ args }) {
    const context = cli();
    if (args.tool !== undefined) return runToolCallCheck(args);
    if ((args.action === undefined) === (args.vars === undefined)) {
      throw new PreflightError({
        code: 'INPUT_INVALID',
        message: 'Give exactly one of --action "<text>" or --vars \'<json>\'.',
      });
    }
    const engine = resolveCheckEngine(args.engine);
    const policy = await loadPolicy(args.policy, context.cwd);
    const lists = await loadListsFor(args.policy, args.lists, context.cwd);
    const report = await engine({
      policy,
      env: context.env,
      ...(args.action === undefined ? {} : { action: args.action }),
      ...(args.vars === undefined ? {} : { vars: parseVars(args.vars) }),
      ...(lists === undefined ? {} : { lists }),
      ...(args['policy-id'] === undefined ? {} : { policyId: args['policy-id'] }),
    });
    if (args.json) context.out(JSON.stringify(report, null, 2));
    else for (const line of formatCheckReport(report, policy, context.color)) context.out(line);
    context.exitCode = report.allowed ? exitCodes.ok : exitCodes.failed;
  },
});
