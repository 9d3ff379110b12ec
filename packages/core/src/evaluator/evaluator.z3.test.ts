import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZ3Oracle, type Z3Oracle } from '../../test-support/z3-oracle';
import { compilePolicy } from '../policy';
import type { PolicyIR } from '../policy/ir';
import { smtQuery } from '../policy/smt';
import { isoPolicyText, seedAssignments } from './__fixtures__/iso42001-compiled';
import { isoIr, seedActions } from './__fixtures__/iso42001-ir';
import { assignmentArbitrary, caseArbitrary } from './__fixtures__/random-policy';
import { createEvaluator } from './create-evaluator';

// Differential tests: the evaluator against Z3 on the SMT-LIB that smtQuery/emitSmtLib emit.
// Each run is one random policy with four partial assignments of mixed density.
let z3: Z3Oracle;
beforeAll(async () => {
  z3 = await createZ3Oracle();
});
afterAll(async () => {
  await z3?.close();
});

const RUNS = 800; // x 4 assignments = 3,200 decisions compared

describe('evaluator agrees with Z3', () => {
  it(`on the three-way result for ${RUNS * 4} random policy/assignment pairs`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async ({ ir, assignments }) => {
        // Both ways of running the evaluator: generated code (default) and closures.
        const evaluator = createEvaluator(ir);
        const closures = createEvaluator(ir, { generateCode: false });
        const ours = assignments.map((assignment) => evaluator.evaluate(assignment).result);
        const theirs = await z3.decideMany(assignments.map((assignment) => ({ ir, assignment })));
        expect(ours).toEqual(theirs);
        expect(assignments.map((assignment) => closures.evaluate(assignment).result)).toEqual(
          theirs,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('on which rules are violated and which unknowns matter (single-rule queries)', async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async ({ ir, assignments }) => {
        const evaluator = createEvaluator(ir);
        for (const assignment of assignments) {
          const evaluation = evaluator.evaluate(assignment);
          // Rule i alone: "allowed" unsat <=> violated under every completion;
          // "violated" sat <=> some completion violates it.
          const single = ir.rules.map((rule): PolicyIR => ({ ...ir, rules: [rule] }));
          const answers = await z3.checkSmtMany(
            single.flatMap((one) => [
              smtQuery(one, assignment, 'allowed'),
              smtQuery(one, assignment, 'violated'),
            ]),
          );
          const always = ir.rules
            .filter((_, i) => answers[2 * i] === 'unsat')
            .map((rule) => rule.id);
          const possible = ir.rules.filter((_, i) => answers[2 * i + 1] === 'sat');
          if (evaluation.result === 'UNSAT') {
            expect(evaluation.violations.map((violation) => violation.id)).toEqual(always);
          } else {
            expect(evaluation.violations).toEqual([]);
          }
          if (evaluation.result === 'SATISFIABLE') {
            const unknown = new Set<string>();
            for (const rule of possible)
              for (const name of varsOf(rule.violation))
                if (!(name in assignment)) unknown.add(name);
            // Only unknowns of rules that can be violated, never none.
            expect(evaluation.unknown.length).toBeGreaterThan(0);
            for (const name of evaluation.unknown) expect(unknown).toContain(name);
            expect([...evaluation.unknown].sort()).toEqual(evaluation.unknown);
          } else {
            expect(evaluation.unknown).toEqual([]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('on the hand-written ISO 42001 IR: the seed actions and random assignments', async () => {
    const evaluator = createEvaluator(isoIr);
    for (const { assignment, expected } of seedActions) {
      expect(evaluator.evaluate(assignment).result).toBe(expected);
      expect(await z3.decide(isoIr, assignment)).toBe(expected);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.array(assignmentArbitrary(isoIr, 0.7), { minLength: 10, maxLength: 10 }),
        async (assignments) => {
          const ours = assignments.map((assignment) => evaluator.evaluate(assignment).result);
          expect(ours).toEqual(
            await z3.decideMany(assignments.map((assignment) => ({ ir: isoIr, assignment }))),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('Z3 on the compiled ISO 42001 policy', () => {
  it('decides the seed actions UNSAT, UNSAT, SAT like the evaluator', async () => {
    const { ir } = compilePolicy(isoPolicyText);
    const cases = seedAssignments(ir);
    const decisions = await z3.decideMany(cases.map(({ assignment }) => ({ ir, assignment })));
    expect(decisions).toEqual(cases.map((entry) => entry.expected));
  });
});

function varsOf(expr: PolicyIR['rules'][number]['violation']): string[] {
  switch (expr.op) {
    case 'var':
    case 'cmp':
    case 'in':
      return [expr.name];
    case 'not':
      return varsOf(expr.arg);
    case 'and':
    case 'or':
      return expr.args.flatMap(varsOf);
    default:
      return [];
  }
}
