import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../policy';
import { isoPolicyText, seedAssignments } from './__fixtures__/iso42001-compiled';
import { createEvaluator } from './create-evaluator';

describe('evaluator on the compiled ISO 42001 policy', () => {
  const { ir } = compilePolicy(isoPolicyText);
  const evaluator = createEvaluator(ir);

  it('decides the seed actions UNSAT, UNSAT, SAT', () => {
    const results = seedAssignments(ir).map(({ assignment }) => evaluator.evaluate(assignment));
    expect(results.map((evaluation) => evaluation.result)).toEqual(['UNSAT', 'UNSAT', 'SAT']);
    expect(results[0]?.violations.map((violation) => violation.id)).toEqual([1, 3]);
    expect(results[1]?.violations.map((violation) => violation.id)).toEqual([3, 4]);
  });
});
