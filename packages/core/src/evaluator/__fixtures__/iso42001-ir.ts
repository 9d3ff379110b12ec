import { type PolicyIR, policyIrSchema } from '../../policy/ir';

/**
 * The ISO 42001 seed policy written by hand as IR, following docs/policy-language.md shape by shape
 * (source: the five rules quoted in issue 2). Used to test the evaluator independently of the
 * compiler.
 */
const and = (...args: PolicyIR['rules'][number]['violation'][]) => ({ op: 'and' as const, args });
const v = (name: string) => ({ op: 'var' as const, name });
const not = (name: string) => ({ op: 'not' as const, arg: v(name) });

const transferExternal = and(v('transfer_customer_record'), v('destination_external'));
const modifyProduction = v('modify_production_record');

export const isoIr: PolicyIR = policyIrSchema.parse({
  version: 'v1',
  rules: [
    {
      id: 1,
      text: 'Do not transfer customer records to an external destination unless an authorization_token is provided in the action.',
      shape: 'unless-provided',
      violation: and(
        v('transfer_customer_record'),
        v('destination_external'),
        not('authorization_token'),
      ),
      exceptions: ['authorization_token'],
    },
    {
      id: 2,
      text: 'Do not modify production records unless an authorization_token is provided in the action.',
      shape: 'unless-provided',
      violation: and(modifyProduction, not('authorization_token')),
      exceptions: ['authorization_token'],
    },
    {
      id: 3,
      text: 'Do not process more than 10 records in a single agent session unless a re_authorization_token is provided.',
      shape: 'count-limit',
      violation: and(
        { op: 'cmp', name: 'session_record_count', cmp: '>', value: 10 },
        not('re_authorization_token'),
      ),
      exceptions: ['re_authorization_token'],
    },
    {
      id: 4,
      text: 'Do not access records with classification "restricted" or "confidential" unless an approval_token is provided in the action.',
      shape: 'attribute',
      violation: and(
        { op: 'in', name: 'classification', values: ['restricted', 'confidential'] },
        not('approval_token'),
      ),
      exceptions: ['approval_token'],
    },
    {
      id: 5,
      text: 'Every action that requires an authorization_token must also include an approver_id.',
      shape: 'requires-also',
      violation: and({ op: 'or', args: [transferExternal, modifyProduction] }, not('approver_id')),
      exceptions: ['approver_id'],
    },
  ],
  variables: [
    {
      name: 'transfer_customer_record',
      type: 'bool',
      role: 'activity',
      description: 'The action transfers customer records.',
    },
    {
      name: 'destination_external',
      type: 'bool',
      role: 'qualifier',
      description: 'The destination is external.',
    },
    {
      name: 'authorization_token',
      type: 'bool',
      role: 'permission',
      description: 'An authorization_token is provided.',
    },
    {
      name: 'modify_production_record',
      type: 'bool',
      role: 'activity',
      description: 'The action modifies production records.',
    },
    {
      name: 'record_count',
      type: 'int',
      min: 0,
      role: 'counter',
      description: 'Records processed by this action.',
    },
    {
      name: 'session_record_count',
      type: 'int',
      min: 0,
      role: 'counter',
      description: 'Records processed in the session, this action included.',
    },
    {
      name: 're_authorization_token',
      type: 'bool',
      role: 'permission',
      description: 'A re_authorization_token is provided.',
    },
    {
      name: 'classification',
      type: 'enum',
      values: ['restricted', 'confidential'],
      role: 'attribute',
      description: 'Classification of the records.',
    },
    {
      name: 'approval_token',
      type: 'bool',
      role: 'permission',
      description: 'An approval_token is provided.',
    },
    {
      name: 'approver_id',
      type: 'bool',
      role: 'permission',
      description: 'An approver_id is provided.',
    },
  ],
  counters: [
    { unit: 'record', actionVariable: 'record_count', sessionVariable: 'session_record_count' },
  ],
});

/** The seed's three documented actions, as the extractor would assign them. */
export const seedActions = [
  {
    expected: 'UNSAT',
    assignment: {
      transfer_customer_record: true,
      destination_external: true,
      modify_production_record: false,
      authorization_token: false,
      re_authorization_token: false,
      record_count: 240,
      session_record_count: 240,
    },
  },
  {
    expected: 'UNSAT',
    assignment: {
      transfer_customer_record: false,
      modify_production_record: false,
      classification: 'restricted',
      approval_token: false,
      re_authorization_token: false,
      record_count: 35,
      session_record_count: 35,
    },
  },
  {
    expected: 'SAT',
    assignment: {
      transfer_customer_record: false,
      classification: 'standard',
      authorization_token: true,
      approver_id: true,
      record_count: 1,
      session_record_count: 1,
    },
  },
] as const;
