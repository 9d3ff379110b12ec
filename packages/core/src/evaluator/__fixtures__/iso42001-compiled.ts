import type { Assignment, PolicyIR, Value } from '../../policy/ir';

/** The five ISO 42001 rules as in examples/iso42001/policy.txt (issue 2). */
export const isoPolicyText = `1. Do not transfer customer records to an external destination unless an authorization_token is provided in the action.
2. Do not modify production records unless an authorization_token is provided in the action.
3. Do not process more than 10 records in a single agent session unless a re_authorization_token is provided.
4. Do not access records with classification "restricted" or "confidential" unless an approval_token is provided in the action.
5. Every action that requires an authorization_token must also include an approver_id.`;

/**
 * The seed's three actions, assigned by hand. Variables are found through the IR's vocabulary
 * (verb, phrase, counters) so that the test does not depend on the compiler's naming details.
 */
export function seedAssignments(ir: PolicyIR): { expected: string; assignment: Assignment }[] {
  const activity = (verb: string) =>
    ir.variables.find(
      (variable) => variable.role === 'activity' && variable.vocabulary.verb === verb,
    )?.name as string;
  const external = ir.variables.find(
    (variable) => variable.vocabulary.phrase === 'external destination',
  )?.name as string;
  const counter = ir.counters[0] as PolicyIR['counters'][number];
  const build = (entries: [string, Value][]) => Object.fromEntries(entries);
  return [
    {
      expected: 'UNSAT',
      assignment: build([
        [activity('transfer'), true],
        [external, true],
        [activity('modify'), false],
        ['authorization_token', false],
        ['re_authorization_token', false],
        [counter.actionVariable, 240],
        [counter.sessionVariable, 240],
      ]),
    },
    {
      expected: 'UNSAT',
      assignment: build([
        [activity('transfer'), false],
        [activity('modify'), false],
        ['classification', 'restricted'],
        ['approval_token', false],
        ['re_authorization_token', false],
        [counter.actionVariable, 35],
        [counter.sessionVariable, 35],
      ]),
    },
    {
      expected: 'SAT',
      assignment: build([
        [activity('transfer'), false],
        ['classification', 'standard'],
        ['authorization_token', true],
        ['approver_id', true],
        [counter.actionVariable, 1],
        [counter.sessionVariable, 1],
      ]),
    },
  ];
}
