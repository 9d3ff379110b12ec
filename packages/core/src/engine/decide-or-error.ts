import { describeError } from '../adapter/describe-error';
import type { Action, Engine, EngineVerdict } from '../guard/types';

/**
 * `engine.decide(action, options)`, with a throw or a rejection turned into an ERROR verdict
 * named after the engine, so whatever combines or admits verdicts (the guard, the dual engine)
 * fails closed on it instead of letting the throw escape into the framework loop.
 *
 * @example
 * const verdict = await decideOrError(engine, action, { signal }); // never throws
 */
export async function decideOrError(
  engine: Engine,
  action: Action,
  options?: Parameters<Engine['decide']>[1],
): Promise<EngineVerdict> {
  try {
    return await engine.decide(action, options);
  } catch (error) {
    return {
      engine: engine.name,
      result: 'ERROR',
      violations: [],
      unknown: [],
      reason: `the engine threw: ${describeError(error)}`,
    };
  }
}
