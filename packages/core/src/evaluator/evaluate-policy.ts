import type { Assignment, PolicyIR } from '../policy/ir';
import { createEvaluator } from './create-evaluator';
import type { Evaluation, Evaluator } from './evaluation';

const evaluators = new WeakMap<PolicyIR, Evaluator>();

/**
 * One decision without managing an evaluator: compiles `ir` once (cached per IR object, so the
 * IR must not be mutated afterwards) and evaluates `assignment`.
 *
 * @example
 * ```ts
 * evaluatePolicy(ir, { read_records: true, session_record_count: 35 }).result; // 'SATISFIABLE'
 * ```
 */
export function evaluatePolicy(ir: PolicyIR, assignment: Assignment): Evaluation {
  let evaluator = evaluators.get(ir);
  if (evaluator === undefined) {
    evaluator = createEvaluator(ir);
    evaluators.set(ir, evaluator);
  }
  return evaluator.evaluate(assignment);
}
