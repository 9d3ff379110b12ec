import { resolve } from 'node:path';
import {
  type ActionVariable,
  argsDigestTag,
  buildAction,
  createDualEngine,
  createIcmeClient,
  createIcmeEngine,
  createLocalEngine,
  digestJson,
  type Engine,
  type EngineVerdict,
  type JsonValue,
  PreflightError,
} from '@preflight/core';
import {
  createUndiciTransport,
  icmeClientOptionsFromEnv,
  readPolicyLock,
} from '@preflight/core/node';
import { type CheckReport, checkAction } from './check-action';
import type { CheckEngine, CheckEngineRequest } from './check-engines';
import { cli } from './cli-context';

/** `check --engine icme`: the action decided by the ICME PreFlight API alone. */
export const icmeCheckEngine: CheckEngine = (request) => runRemoteCheck(request, 'icme');

/** `check --engine dual`: the embedded engine and ICME both decide; either one blocks. */
export const dualCheckEngine: CheckEngine = (request) => runRemoteCheck(request, 'dual');

async function runRemoteCheck(
  request: CheckEngineRequest,
  mode: 'icme' | 'dual',
): Promise<CheckReport> {
  const { policy, env } = request;
  const policyId = request.policyId ?? (await lockedPolicyId(policy.path));
  const options = icmeClientOptionsFromEnv({}, env);
  if (!options.apiKey) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `The ${mode} engine needs an ICME API key: set ICME_API_KEY.`,
    });
  }
  // The local reading of the action fixes the variables both engines see.
  const local = checkAction(request);
  const variables: Record<string, ActionVariable> = {};
  for (const [name, value] of Object.entries(local.variables)) {
    variables[name] = {
      value,
      provenance: 'arg',
      ...(local.notes[name] ? { note: local.notes[name] } : {}),
    };
  }
  const args: JsonValue =
    request.action === undefined ? { vars: request.vars ?? {} } : { action: request.action };
  const built = buildAction({
    policy: policy.ir,
    tool: 'preflight check',
    toolCallId: 'cli',
    sessionId: 'cli',
    variables,
    args,
    argsDigest: digestJson(argsDigestTag, args),
  });
  if (!built.ok) {
    throw new PreflightError({ code: 'ACTION_TOO_LARGE', message: built.reason });
  }
  const transport = createUndiciTransport();
  try {
    const client = createIcmeClient({ ...options, transport });
    const remote = createIcmeEngine({ client, policyId, policy: policy.ir, cache: false });
    const engine: Engine =
      mode === 'icme'
        ? remote
        : createDualEngine({ local: createLocalEngine({ policy: policy.ir }), remote });
    const verdict = await engine.decide(built.action);
    return report(local, verdict, mode, policyId, built.action.description);
  } finally {
    await transport.close();
  }
}

function report(
  local: CheckReport,
  verdict: EngineVerdict,
  engine: 'icme' | 'dual',
  policyId: string,
  description: string,
): CheckReport {
  const icme =
    (engine === 'dual'
      ? (verdict.details?.['verdicts'] as { remote?: EngineVerdict } | undefined)?.remote?.details
      : verdict.details) ?? {};
  const { raw: _raw, actionSent, ...icmeSummary } = icme;
  const result: CheckReport & Record<string, unknown> = {
    result: verdict.result,
    allowed: verdict.result === 'SAT',
    violations: verdict.violations,
    unknown: verdict.unknown,
    variables: local.variables,
    notes: local.notes,
    engine,
    policyHash: local.policyHash,
    ...(local.action === undefined ? {} : { action: local.action }),
    ...(verdict.result === 'SAT' || !verdict.reason ? {} : { reason: verdict.reason }),
    icme: { ...icmeSummary, policyId, description: actionSent ?? description },
    ...(engine === 'dual' ? { engines: verdict.details } : {}),
  };
  return result;
}

async function lockedPolicyId(policyPath: string): Promise<string> {
  const lock = await readPolicyLock(resolve(cli().cwd, policyPath));
  if (lock) return lock.current.policyId;
  throw new PreflightError({
    code: 'INPUT_INVALID',
    message: `No ICME policy id: pass --policy-id, or run "preflight policy push ${policyPath}" to create ${policyPath}.lock.json.`,
  });
}
