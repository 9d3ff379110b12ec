import { describeError } from '../../adapter/describe-error';
import type { Evaluator } from '../../evaluator';
import { createEvaluator } from '../../evaluator';
import type { Action, Engine, EngineVerdict } from '../../guard/types';
import type { PolicyIR } from '../../policy/ir';

/** Options of {@link createLocalEngine}. */
export interface LocalEngineOptions {
  /** The policy IR (or a compiled policy holding it as `ir`). Required. */
  policy: PolicyIR | { ir: PolicyIR };
  /** Engine name in verdicts and receipts. Default `'local'`. */
  name?: string;
}

/**
 * The embedded engine: decides an action's assignment in-process with the policy evaluator
 * (offline, microseconds). Implements {@link Engine}; never throws: an evaluator error (a value
 * outside a variable's domain, an unknown variable) is `{ result: 'ERROR', reason }`.
 * Throws at creation (PreflightError POLICY_IR_INVALID) when the IR itself is ill-formed.
 *
 * @example
 * const engine = createLocalEngine({ policy: compiled.ir });
 * const verdict = await engine.decide(action); // { engine: 'local', result: 'UNSAT', ... }
 */
export function createLocalEngine({ policy, name = 'local' }: LocalEngineOptions): Engine {
  const ir = 'ir' in policy ? policy.ir : policy;
  const evaluator: Evaluator = createEvaluator(ir);
  return {
    name,
    async decide(action: Action): Promise<EngineVerdict> {
      try {
        const { result, violations, unknown } = evaluator.evaluate(action.assignment);
        return {
          engine: name,
          result,
          violations: violations.map(({ id, text }) => ({ id, text })),
          unknown: [...unknown],
        };
      } catch (error) {
        return {
          engine: name,
          result: 'ERROR',
          violations: [],
          unknown: [],
          reason: `the local evaluator could not decide: ${describeError(error)}`,
        };
      }
    },
  };
}
