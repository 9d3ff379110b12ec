import { describe, expect, it } from 'vitest';
import { PreflightError } from '../errors';
import { definePolicy } from './define-policy';
import type { PolicyIRInput } from './ir';

const valid: PolicyIRInput = {
  version: 'v1',
  variables: [
    {
      name: 'refund_order',
      type: 'bool',
      role: 'activity',
      description: 'The action refunds an order',
    },
    {
      name: 'refund_token',
      type: 'bool',
      role: 'permission',
      description: 'A refund token is provided',
    },
    { name: 'refund_amount', type: 'real', role: 'amount', min: 0, description: 'Refund amount' },
    {
      name: 'order_count',
      type: 'int',
      role: 'counter',
      min: 0,
      description: 'Orders in the action',
    },
    {
      name: 'session_order_count',
      type: 'int',
      role: 'counter',
      min: 0,
      description: 'Orders in the session',
    },
    {
      name: 'tier',
      type: 'enum',
      role: 'attribute',
      values: ['gold', 'silver'],
      description: 'Customer tier',
    },
    {
      name: 'bank_on_allowed_list',
      type: 'bool',
      role: 'membership',
      description: 'Bank is allowed',
    },
  ],
  rules: [
    {
      id: 1,
      text: 'Large gold refunds need a token.',
      shape: 'custom',
      violation: {
        op: 'and',
        args: [
          { op: 'var', name: 'refund_order' },
          { op: 'cmp', name: 'refund_amount', cmp: '>=', value: 99.5 },
          { op: 'in', name: 'tier', values: ['gold'] },
          { op: 'cmp', name: 'session_order_count', cmp: '>', value: 3 },
          { op: 'not', arg: { op: 'var', name: 'refund_token' } },
          { op: 'not', arg: { op: 'var', name: 'bank_on_allowed_list' } },
        ],
      },
      exceptions: ['refund_token'],
    },
  ],
  lists: [{ name: 'allowed', key: 'allowed', variable: 'bank_on_allowed_list', subject: 'bank' }],
  counters: [
    { unit: 'order', actionVariable: 'order_count', sessionVariable: 'session_order_count' },
  ],
};

function problems(input: unknown): string[] {
  try {
    definePolicy(input as PolicyIRInput);
  } catch (error) {
    if (PreflightError.isInstance(error) && error.code === 'POLICY_IR_INVALID') {
      return error.details['problems'] as string[];
    }
    throw error;
  }
  throw new Error('expected definePolicy to throw');
}

const withRule = (violation: unknown, exceptions: string[] = []) => ({
  ...valid,
  rules: [{ id: 1, text: 'x', shape: 'custom', violation, exceptions }],
});

describe('definePolicy', () => {
  it('accepts valid IR and fills in defaults', () => {
    const ir = definePolicy(valid);
    expect(ir.warnings).toEqual([]);
    expect(ir.variables[0]?.vocabulary).toEqual({});
    const minimal = definePolicy({
      version: 'v1',
      variables: [{ name: 'x', type: 'bool', role: 'activity', description: 'x' }],
      rules: [{ id: 1, text: 'x', shape: 'custom', violation: { op: 'var', name: 'x' } }],
    });
    expect(minimal).toMatchObject({ lists: [], counters: [], warnings: [] });
    expect(minimal.rules[0]?.exceptions).toEqual([]);
  });

  it('rejects schema errors with their paths', () => {
    const found = problems({ ...valid, version: 'v2', rules: [] });
    expect(found.some((problem) => problem.startsWith('version:'))).toBe(true);
    expect(found.some((problem) => problem.startsWith('rules:'))).toBe(true);
    expect(
      problems({
        ...valid,
        variables: [{ name: 'Bad Name', type: 'bool', role: 'activity', description: '' }],
      })[0],
    ).toMatch(/^variables\.0\.name:/);
  });

  it('rejects references to undeclared variables and type mismatches, listing every problem', () => {
    expect(
      problems(
        withRule({
          op: 'or',
          args: [
            { op: 'var', name: 'missing' },
            { op: 'var', name: 'tier' },
            { op: 'cmp', name: 'refund_token', cmp: '>', value: 1 },
            { op: 'cmp', name: 'order_count', cmp: '>', value: 1.5 },
            { op: 'in', name: 'refund_amount', values: ['a'] },
            { op: 'in', name: 'tier', values: ['gold', 'bronze'] },
          ],
        }),
      ),
    ).toEqual([
      'rule 1: variable "missing" is not declared',
      'rule 1: "tier" is used as a bool but is enum',
      'rule 1: "refund_token" is compared with a number but is bool',
      'rule 1: int "order_count" is compared with the non-integer 1.5',
      'rule 1: "refund_amount" is tested for values but is real',
      'rule 1: enum "tier" has no value "bronze" (values: gold, silver)',
    ]);
  });

  it('rejects bad exceptions, lists, counters, duplicate ids and names, and reserved enum values', () => {
    const input = {
      ...valid,
      variables: [
        ...valid.variables,
        { name: 'refund_token', type: 'bool', role: 'permission', description: 'again' },
        {
          name: 'level',
          type: 'enum',
          role: 'attribute',
          values: ['(other)', 'a', 'a'],
          description: '',
        },
      ],
      rules: [
        {
          id: 1,
          text: 'x',
          shape: 'custom',
          violation: { op: 'true' },
          exceptions: ['tier', 'nope'],
        },
        { id: 1, text: 'y', shape: 'custom', violation: { op: 'false' } },
      ],
      lists: [{ name: 'l', key: 'l', variable: 'tier', subject: 'bank' }],
      counters: [
        { unit: 'order', actionVariable: 'refund_amount', sessionVariable: 'refund_amount' },
      ],
    };
    expect(problems(input)).toEqual([
      'variable "refund_token" is declared twice',
      'enum "level" lists a value twice',
      'enum "level" may not name the reserved value "(other)"',
      'rule 1: exception "tier" is not a bool variable',
      'rule 1: exception "nope" is not declared',
      'rule id 1 is used twice',
      'list "l": variable "tier" is not a bool variable',
      'counter "order": variable "refund_amount" is not an int variable',
      'counter "order": variable "refund_amount" is not an int variable',
      'counter "order": action and session variables must differ',
    ]);
  });

  it('puts every problem in the message', () => {
    try {
      definePolicy(withRule({ op: 'var', name: 'missing' }, ['gone']) as PolicyIRInput);
      expect.unreachable();
    } catch (error) {
      expect((error as PreflightError).message).toBe(
        'Invalid policy IR (2 problems):\n  - rule 1: variable "missing" is not declared\n  - rule 1: exception "gone" is not declared',
      );
    }
  });
});
