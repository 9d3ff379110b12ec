import { describe, expect, it } from 'vitest';
import { PreflightError } from '../errors';
import { type Expr, type PolicyIR, type PolicyIRInput, policyIrSchema } from '../policy/ir';
import { isoIr, seedActions } from './__fixtures__/iso42001-ir';
import { createEvaluator } from './create-evaluator';
import { evaluatePolicy } from './evaluate-policy';

const x: Expr = { op: 'var', name: 'x' };
const notX: Expr = { op: 'not', arg: x };

/** A small policy written as IR, with custom rules over the given variables. */
function policy(rules: Expr[], variables: PolicyIRInput['variables']): PolicyIR {
  return policyIrSchema.parse({
    version: 'v1',
    rules: rules.map((violation, index) => ({
      id: index + 1,
      text: `rule ${index + 1}`,
      shape: 'custom',
      violation,
    })),
    variables,
  });
}
const bool = (name: string) => ({
  name,
  type: 'bool' as const,
  role: 'permission' as const,
  description: name,
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return PreflightError.isInstance(error) ? error.code : 'not a PreflightError';
  }
  return undefined;
}

describe('createEvaluator on the ISO 42001 policy', () => {
  const evaluator = createEvaluator(isoIr);

  it('decides the seed actions UNSAT, UNSAT, SAT and names the violated rules', () => {
    const [first, second, third] = seedActions.map(({ assignment }) =>
      evaluator.evaluate(assignment),
    );
    expect(first?.result).toBe('UNSAT');
    expect(first?.violations.map((violation) => violation.id)).toEqual([1, 3]);
    expect(second?.result).toBe('UNSAT');
    expect(second?.violations.map((violation) => violation.id)).toEqual([3, 4]);
    expect(third).toEqual({ result: 'SAT', violations: [], unknown: [] });
  });

  it('carries the rule text in violations', () => {
    const { violations } = evaluator.evaluate(seedActions[1].assignment);
    expect(violations[1]).toEqual({ id: 4, text: isoIr.rules[3]?.text });
  });

  it('answers SATISFIABLE with the unknowns that matter, sorted', () => {
    const known = {
      transfer_customer_record: false,
      modify_production_record: false,
      session_record_count: 3,
      classification: 'confidential',
    };
    expect(evaluator.evaluate(known)).toEqual({
      result: 'SATISFIABLE',
      violations: [],
      unknown: ['approval_token'],
    });
    // With nothing known every variable a rule reads matters; record_count is read by none.
    expect(evaluator.evaluate({}).unknown).toEqual(
      [
        'approval_token',
        'approver_id',
        'authorization_token',
        'classification',
        'destination_external',
        'modify_production_record',
        're_authorization_token',
        'session_record_count',
        'transfer_customer_record',
      ].sort(),
    );
  });

  it('decides the 10/11 record boundary of rule 3', () => {
    const base = {
      transfer_customer_record: false,
      modify_production_record: false,
      classification: 'standard',
    };
    expect(evaluator.evaluate({ ...base, session_record_count: 10 }).result).toBe('SAT');
    const eleven = evaluator.evaluate({
      ...base,
      session_record_count: 11,
      re_authorization_token: false,
    });
    expect(eleven.violations.map((violation) => violation.id)).toEqual([3]);
    expect(evaluator.evaluate({ ...base, session_record_count: 11 }).unknown).toEqual([
      're_authorization_token',
    ]);
  });

  it('treats enum values the policy does not name as the catch-all', () => {
    const base = {
      transfer_customer_record: false,
      modify_production_record: false,
      session_record_count: 1,
    };
    expect(evaluator.evaluate({ ...base, classification: 'public' }).result).toBe('SAT');
    expect(evaluator.evaluate({ ...base, classification: '(other)' }).result).toBe('SAT');
    expect(evaluator.evaluate({ ...base, classification: 'restricted' }).result).toBe(
      'SATISFIABLE',
    );
  });

  it('does not leak one assignment into the next', () => {
    evaluator.evaluate(seedActions[0].assignment);
    expect(evaluator.evaluate(seedActions[2].assignment).result).toBe('SAT');
    expect(evaluator.evaluate({}).result).toBe('SATISFIABLE');
  });

  it('leaves out unknowns on decided paths', () => {
    // Rule 5 reads destination_external only together with transfer_customer_record, now false.
    const assignment = { ...seedActions[2].assignment, approver_id: false };
    expect(evaluator.evaluate(assignment).unknown).toEqual(['modify_production_record']);
  });

  it('treats undefined values as unknown', () => {
    const assignment = { ...seedActions[2].assignment, approver_id: undefined } as never;
    expect(evaluator.evaluate(assignment)).toEqual({
      result: 'SATISFIABLE',
      violations: [],
      unknown: ['approver_id', 'modify_production_record'],
    });
  });
});

describe('createEvaluator on exotic policies (exact, as Z3 decides them)', () => {
  it('x and not x is never violated: SAT with x unknown', () => {
    expect(evaluatePolicy(policy([{ op: 'and', args: [x, notX] }], [bool('x')]), {}).result).toBe(
      'SAT',
    );
  });

  it('x or not x is always violated: UNSAT naming the rule', () => {
    const evaluation = evaluatePolicy(policy([{ op: 'or', args: [x, notX] }], [bool('x')]), {});
    expect(evaluation).toEqual({
      result: 'UNSAT',
      violations: [{ id: 1, text: 'rule 1' }],
      unknown: [],
    });
  });

  it('different completions violating different rules: UNSAT with no rule named', () => {
    expect(evaluatePolicy(policy([x, notX], [bool('x')]), {})).toEqual({
      result: 'UNSAT',
      violations: [],
      unknown: [],
    });
  });

  it('respects min and integrality of unknown numbers', () => {
    const int = {
      name: 'n',
      type: 'int' as const,
      min: 0,
      role: 'counter' as const,
      description: 'n',
    };
    const real = { ...int, type: 'real' as const };
    const below: Expr = { op: 'cmp', name: 'n', cmp: '<', value: 0 };
    const between: Expr = {
      op: 'and',
      args: [
        { op: 'cmp', name: 'n', cmp: '>', value: 2.5 },
        { op: 'cmp', name: 'n', cmp: '<', value: 3 },
      ],
    };
    expect(evaluatePolicy(policy([below], [int]), {}).result).toBe('SAT');
    expect(evaluatePolicy(policy([between], [int]), {}).result).toBe('SAT');
    expect(evaluatePolicy(policy([between], [real]), {}).result).toBe('SATISFIABLE');
    expect(evaluatePolicy(policy([between], [real]), { n: 2.75 }).result).toBe('UNSAT');
  });

  it('an enum test covering every value and the catch-all is always violated', () => {
    const color = {
      name: 'color',
      type: 'enum' as const,
      values: ['red'],
      role: 'attribute' as const,
      description: 'c',
    };
    const everything: Expr = { op: 'in', name: 'color', values: ['red', '(other)'] };
    expect(evaluatePolicy(policy([everything], [color]), {}).result).toBe('UNSAT');
  });
});

describe('permissionsToAllow', () => {
  const evaluator = createEvaluator(isoIr);

  it('names the tokens an approver must provide, including "requires also" ones', () => {
    const transfer = { ...seedActions[0].assignment, classification: 'standard' };
    expect(evaluator.permissionsToAllow(transfer)).toEqual([
      'approver_id',
      'authorization_token',
      're_authorization_token',
    ]);
    expect(evaluator.permissionsToAllow(seedActions[1].assignment)).toEqual([
      'approval_token',
      're_authorization_token',
    ]);
  });

  it('is empty for an allowed action and undefined when no exception helps', () => {
    expect(evaluator.permissionsToAllow(seedActions[2].assignment)).toEqual([]);
    const list = policy(
      [{ op: 'and', args: [x, { op: 'not', arg: { op: 'var', name: 'on_list' } }] }],
      [bool('x'), bool('on_list')],
    );
    expect(createEvaluator(list).permissionsToAllow({ x: true, on_list: false })).toBeUndefined();
  });
});

describe('invalid input', () => {
  const evaluator = createEvaluator(isoIr);

  it('rejects unknown variables and ill-typed values with stable codes', () => {
    expect(codeOf(() => evaluator.evaluate({ nonsense: true }))).toBe(
      'EVALUATION_VARIABLE_UNKNOWN',
    );
    for (const assignment of [
      { approval_token: 'yes' },
      { session_record_count: Number.NaN },
      { session_record_count: Number.POSITIVE_INFINITY },
      { session_record_count: 2.5 },
      { session_record_count: -1 },
      { classification: 3 },
      { approval_token: null },
    ]) {
      expect(codeOf(() => evaluator.evaluate(assignment as never))).toBe(
        'EVALUATION_VALUE_INVALID',
      );
      expect(codeOf(() => evaluator.permissionsToAllow(assignment as never))).toBe(
        'EVALUATION_VALUE_INVALID',
      );
    }
  });

  it('rejects ill-formed IR', () => {
    const undeclared = policy([{ op: 'var', name: 'y' }], [bool('x')]);
    expect(codeOf(() => createEvaluator(undeclared))).toBe('POLICY_IR_INVALID');
    const wrongType = policy([{ op: 'cmp', name: 'x', cmp: '>', value: 1 }], [bool('x')]);
    expect(codeOf(() => createEvaluator(wrongType))).toBe('POLICY_IR_INVALID');
    const color = {
      name: 'color',
      type: 'enum' as const,
      values: ['red'],
      role: 'attribute' as const,
      description: 'c',
    };
    const badValue = policy([{ op: 'in', name: 'color', values: ['blue'] }], [color]);
    expect(codeOf(() => createEvaluator(badValue))).toBe('POLICY_IR_INVALID');
    const twice = policy([x, x], [bool('x')]);
    const duplicateIds = { ...twice, rules: twice.rules.map((rule) => ({ ...rule, id: 1 })) };
    expect(codeOf(() => createEvaluator(duplicateIds))).toBe('POLICY_IR_INVALID');
    expect(
      codeOf(() =>
        createEvaluator({ ...twice, variables: [...twice.variables, ...twice.variables] }),
      ),
    ).toBe('POLICY_IR_INVALID');
  });
});
