export { createEvaluator } from './create-evaluator';
export { evaluatePolicy } from './evaluate-policy';
export type { Evaluation, EvaluationResult, Evaluator, EvaluatorOptions } from './evaluation';
