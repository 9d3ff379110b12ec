import { PreflightError } from '@preflight/core';
import { type CheckActionOptions, type CheckReport, checkAction } from './check-action';
import { dualCheckEngine, icmeCheckEngine } from './icme-check-engines';

/** What a checking engine gets from `check`. */
export interface CheckEngineRequest extends CheckActionOptions {
  /** ICME policy id (`--policy-id`), for remote engines. */
  policyId?: string;
  /** Environment (API keys, URLs) for remote engines. */
  env: Readonly<Record<string, string | undefined>>;
}

/** Decides one check. Remote engines plug in here with one entry each. */
export type CheckEngine = (request: CheckEngineRequest) => Promise<CheckReport>;

/** The engines `check --engine` can run. */
export const checkEngines: Readonly<Record<string, CheckEngine>> = {
  local: async (request) => checkAction(request),
  icme: icmeCheckEngine,
  dual: dualCheckEngine,
};

/** The engine for `--engine <name>`; an unknown name is an input error. */
export function resolveCheckEngine(name: string): CheckEngine {
  const engine = checkEngines[name];
  if (engine !== undefined) return engine;
  const available = Object.keys(checkEngines).join(', ');
  throw new PreflightError({
    code: 'INPUT_INVALID',
    message: `Unknown engine "${name}". Available engines: ${available}.`,
    details: { engine: name },
  });
}
