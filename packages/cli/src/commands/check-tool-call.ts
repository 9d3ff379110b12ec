import {
  createGuard,
  type Decision,
  type ListData,
  PreflightError,
  parseToolMappingFile,
  type ToolMappingFile,
} from '@preflight/core';
import type { ArgsDef } from 'citty';
import type { CheckReport } from '../check-action';
import { cli } from '../cli-context';
import { exitCodes } from '../exit-code';
import { formatCheckReport } from '../format-check-report';
import { loadListsFor } from '../load-lists';
import { type LoadedPolicy, loadPolicy } from '../load-policy';
import { parseDataFile, readInputFile } from '../read-input-file';

/** What `check --tool` prints with `--json`: the check report plus the guard's decision fields. */
export interface ToolCallReport extends CheckReport {
  tool: string;
  /** Why the call was blocked (e.g. POLICY_UNSAT, ARGS_INVALID); absent when allowed. */
  code?: string;
  reason: string;
  screenedOut: boolean;
  /** Permission variables that would make the call allowed (for a blocked call). */
  wouldAllowWith?: string[];
  /** The canonical action description (every policy variable, untrusted text quoted). */
  description?: string;
  /** Provenance of each fixed variable: arg, context, session or derived. */
  provenance: Record<string, string>;
}

export interface CheckToolCallOptions {
  policy: LoadedPolicy;
  tool: string;
  /** `--args` JSON text. */
  args: string;
  /** `--context` JSON text (trusted context: tokens, approver ids). Default: `{}`. */
  context?: string;
  /** `--mapping` file path (JSON or YAML). Default: no mappings (name matching). */
  mapping?: string;
  lists?: ListData;
  json: boolean;
}

function parseJsonFlag(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `${flag} is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
}

async function loadMapping(path: string | undefined, cwd: string): Promise<ToolMappingFile> {
  if (path === undefined) return { tools: {} };
  const data = parseDataFile(await readInputFile(path, cwd), path);
  return parseToolMappingFile(data, `mapping file ${path}`);
}

/** The decision as a `check` report, so `--json` consumers see the same core fields. */
export function toolCallReport(decision: Decision, tool: string): ToolCallReport {
  const notes: Record<string, string> = { ...(decision.action?.unresolved ?? {}) };
  const provenance: Record<string, string> = {};
  for (const [name, variable] of Object.entries(decision.action?.variables ?? {})) {
    provenance[name] = variable.provenance;
    notes[name] = `${variable.provenance}${variable.note ? `: ${variable.note}` : ''}`;
  }
  return {
    result: decision.result,
    allowed: decision.allowed,
    violations: decision.violations,
    unknown: decision.unknown,
    variables: decision.action?.assignment ?? {},
    notes,
    engine: decision.verdicts[0]?.engine ?? 'local',
    policyHash: decision.policyHash,
    tool,
    ...(decision.code === undefined ? {} : { code: decision.code }),
    reason: decision.reason,
    screenedOut: decision.screenedOut,
    ...(decision.wouldAllowWith === undefined ? {} : { wouldAllowWith: decision.wouldAllowWith }),
    ...(decision.action === undefined ? {} : { description: decision.action.description }),
    provenance,
  };
}

/**
 * `check --tool <name> --args <json> [--context <json>] [--mapping <file>]`: runs one tool call
 * through a guard (embedded engine) configured from the mapping file, prints the decision, and
 * sets exit code 0 when allowed, 1 when blocked. Bad flags or files throw INPUT_INVALID (exit 2).
 */
export async function checkToolCall({
  policy,
  tool,
  args,
  context,
  mapping,
  lists,
  json,
}: CheckToolCallOptions): Promise<void> {
  const cliContext = cli();
  const toolArgs = parseJsonFlag('--args', args);
  const trusted = context === undefined ? {} : parseJsonFlag('--context', context);
  if (trusted === null || typeof trusted !== 'object' || Array.isArray(trusted)) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: '--context must be a JSON object, e.g. {"authorization_token": "tok_..."}.',
    });
  }
  const file = await loadMapping(mapping, cliContext.cwd);
  const guard = await createGuard({
    policy: policy.ir,
    ...file,
    ...(lists === undefined ? {} : { lists }),
  });
  const decision = await guard.check(
    { tool, args: toolArgs, toolCallId: 'cli', sessionId: 'cli' },
    trusted as Record<string, unknown>,
  );
  const report = toolCallReport(decision, tool);
  if (json) {
    cliContext.out(JSON.stringify(report, null, 2));
  } else {
    const { color } = cliContext;
    cliContext.out(`${color.bold('Tool')}     ${JSON.stringify(tool)}`);
    for (const line of formatCheckReport(report, policy, color)) cliContext.out(line);
    cliContext.out(
      `${color.bold('Decision')} ${decision.code ? `${color.dim(`[${decision.code}]`)} ` : ''}${decision.reason}`,
    );
  }
  cliContext.exitCode = decision.allowed ? exitCodes.ok : exitCodes.failed;
}

/** The flags `check` gains for tool calls. */
export const toolCallArgs = {
  tool: { type: 'string', description: 'Check a tool call: the tool name (with --args)' },
  args: { type: 'string', description: 'The tool call args as JSON (with --tool)' },
  context: {
    type: 'string',
    description: 'Trusted context as JSON: tokens, approver ids (with --tool)',
  },
  mapping: {
    type: 'string',
    description: 'Tool mappings (JSON/YAML) for the guard (with --tool); default: name matching',
  },
} as const satisfies ArgsDef;

/** The parsed flags `runToolCallCheck` reads. */
export interface ToolCallFlags {
  policy: string;
  tool?: string;
  args?: string;
  context?: string;
  mapping?: string;
  action?: string;
  vars?: string;
  lists?: string;
  engine?: string;
  json?: boolean;
}

/** `check --tool ...` from parsed flags: validates the combination, loads files, runs the call. */
export async function runToolCallCheck(flags: ToolCallFlags): Promise<void> {
  const usage = (message: string) => new PreflightError({ code: 'INPUT_INVALID', message });
  if (flags.action !== undefined || flags.vars !== undefined) {
    throw usage('Give --tool with --args, or one of --action / --vars, not both.');
  }
  if (flags.args === undefined) throw usage("--tool needs --args '<json>' (use '{}' for none).");
  if (flags.engine !== undefined && flags.engine !== 'local') {
    throw usage('--tool runs the embedded engine only; drop --engine or use --engine local.');
  }
  const { cwd } = cli();
  const policy = await loadPolicy(flags.policy, cwd);
  const lists = await loadListsFor(flags.policy, flags.lists, cwd);
  await checkToolCall({
    policy,
    tool: flags.tool ?? '',
    args: flags.args,
    ...(flags.context === undefined ? {} : { context: flags.context }),
    ...(flags.mapping === undefined ? {} : { mapping: flags.mapping }),
    ...(lists === undefined ? {} : { lists }),
    json: flags.json === true,
  });
}
