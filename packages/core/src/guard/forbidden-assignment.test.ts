import { describe, expect, it } from 'vitest';
import { createEvaluator } from '../evaluator';
import { compilePolicy } from '../policy/compile-policy';
import { definePolicy } from '../policy/define-policy';
import { isoPolicyText } from './__fixtures__/iso42001';
import { forbiddenAssignment } from './forbidden-assignment';

const policies = [
  isoPolicyText,
  '1. Do not transmit any record containing PHI to a destination not on the approved BAA list.',
  '1. Do not initiate any transfer above $10,000 without dual approval recorded in the action.',
  '1. Do not produce a final decision affecting an individual without a documented human-review step.',
  '1. Do not call third-party APIs not on the approved-vendor list.',
  '1. Do not delete more than 3 invoices in a single agent session unless a deletion_ticket is provided.',
];

describe('forbiddenAssignment', () => {
  it.each(policies)(
    'violates each rule of %s under every completion (evaluator: UNSAT)',
    (text) => {
      const { ir } = compilePolicy(text);
      const evaluator = createEvaluator(ir);
      for (const rule of ir.rules) {
        const assignment = forbiddenAssignment(ir, rule);
        expect(assignment).toBeDefined();
        const evaluation = evaluator.evaluate(assignment!);
        expect(evaluation.result).toBe('UNSAT');
        expect(evaluation.violations.map((v) => v.id)).toContain(rule.id);
      }
    },
  );

  it('respects domains (min, enum values, other)', () => {
    const ir = definePolicy({
      version: 'v1',
      variables: [
        { name: 'n', type: 'int', role: 'counter', description: 'n', min: 0 },
        { name: 'amount', type: 'real', role: 'amount', description: 'a', min: 0 },
        { name: 'kind', type: 'enum', role: 'attribute', description: 'k', values: ['a', 'b'] },
      ],
      rules: [
        {
          id: 1,
          text: 'n below 1',
          shape: 'custom',
          violation: { op: 'cmp', name: 'n', cmp: '<', value: 1 },
        },
        {
          id: 2,
          text: 'not a or b',
          shape: 'custom',
          violation: { op: 'not', arg: { op: 'in', name: 'kind', values: ['a', 'b'] } },
        },
        {
          id: 3,
          text: 'exactly 2.5',
          shape: 'custom',
          violation: { op: 'cmp', name: 'amount', cmp: '=', value: 2.5 },
        },
        { id: 4, text: 'never', shape: 'custom', violation: { op: 'false' } },
      ],
    });
    expect(forbiddenAssignment(ir, ir.rules[0]!)).toEqual({ n: 0 });
    expect(forbiddenAssignment(ir, ir.rules[1]!)).toEqual({ kind: '(other)' });
    expect(forbiddenAssignment(ir, ir.rules[2]!)).toEqual({ amount: 2.5 });
    expect(forbiddenAssignment(ir, ir.rules[3]!)).toBeUndefined();
  });
});
