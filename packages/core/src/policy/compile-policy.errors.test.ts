import { describe, expect, it } from 'vitest';
import { PreflightError } from '../errors';
import { type CompilePolicyOptions, compilePolicy } from './compile-policy';
import { acceptedShapes } from './compiler';

function failure(text: string, options?: CompilePolicyOptions): PreflightError {
  try {
    compilePolicy(text, options);
  } catch (error) {
    if (PreflightError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected compilePolicy to throw');
}

const rule = 'Do not delete invoices unless a deletion_ticket is provided.';

describe('unparseable rules', () => {
  it('names the rule, the column, what was expected and what was found, and lists the shapes', () => {
    const error = failure(
      `1. ${rule}\n2. ${rule.replace('delete', 'void')}\n3. Do not transfer records if an authorization_token is provided.`,
    );
    expect(error.code).toBe('POLICY_RULE_UNPARSEABLE');
    expect(error.message.split('\n')[0]).toBe(
      'Rule 3, column 28: expected "unless <token> is provided" or "without <condition>" after the thing, found "if".',
    );
    expect(error.message).toContain('Accepted shapes:');
    for (const { form } of acceptedShapes) expect(error.message).toContain(form);
    expect(error.details).toMatchObject({
      rule: 3,
      line: 3,
      column: 28,
      expected: ['"unless <token> is provided"', '"without <condition>"'],
      found: '"if"',
      shapes: acceptedShapes.map(({ form }) => form),
    });
    expect(error.details['errors']).toHaveLength(1);
  });

  it('reports every failing rule in one error', () => {
    const error = failure(
      `1. Do nothing at all.\n2. ${rule}\n3. Do not send records unless a t provided.\n4. Please do not send records.`,
    );
    expect(error.message.split('\n').slice(0, 4)).toEqual([
      '3 rules are outside the policy grammar:',
      '  Rule 1, column 7: expected "not" after "Do" (rules are prohibitions: "Do not ..."), found "nothing".',
      '  Rule 3, column 35: expected "is provided" after the token, found "provided".',
      '  Rule 4, column 4: expected "Do not <verb> ..." or "Every action that requires <token> ..." at the start of the rule, found "Please".',
    ]);
    const errors = error.details['errors'] as { rule: number; column: number }[];
    expect(errors.map((entry) => [entry.rule, entry.column])).toEqual([
      [1, 7],
      [3, 35],
      [4, 4],
    ]);
  });

  // `at` is the text where parsing fails; its column is computed, so each case shows the point.
  it.each([
    ['Do not transfer records.', '.', 'found "."'],
    [
      'Do not export more than five files in a single agent session unless a t is provided.',
      'five',
      'expected a whole number, e.g. "10" after "more than", found "five"',
    ],
    [
      'Do not export more than 5 files unless a t is provided.',
      'unless',
      'expected "in a single agent session" or "in a single action" after the counted units',
    ],
    [
      'Do not share documents with sensitivity secret unless a t is provided.',
      '.',
      'expected a value in double quotes',
    ],
    [
      'Do not wire any payment above 2500 dollars without sign-off.',
      '2500',
      'expected an amount such as "$10,000" after "above", found "2500"',
    ],
    ['Do not wire any payment above $2.5k without sign-off.', 'k without', 'found "k"'],
    [
      'Do not send records to a vendor unless a t is provided.',
      'unless',
      'expected "not on the <list name> list" or an adjective before the noun',
    ],
    [
      'Do not send records unless a t is missing.',
      'missing',
      'expected "provided" after "is", found "missing"',
    ],
    [
      'Do not send records unless a t is provided, ok.',
      ', ok',
      'expected the end of the rule after the "unless" part, found ","',
    ],
    [
      'Do not delete files in a single action unless a t is provided.',
      'in a single',
      'only follows "more than <N> <units>"',
    ],
    [
      'Do not call APIs not on the approved vendors unless a t is provided.',
      'unless',
      'expected the word "list" after the list name',
    ],
    ['Do not send invoices or receipts unless a t is provided.', 'or receipts', 'found "or"'],
    ['Do not unless a t is provided.', 'unless', 'expected a verb, e.g. "transfer" after "Do not"'],
    [
      'Every action that requires an approver_id must also include an approver_id.',
      'approver_id must',
      'expected a token different from the one that must also be included',
    ],
    [
      'Every action that requires a foo_token must also include a bar_id.',
      'foo_token',
      'expected a token that another rule requires (no rule requires a token)',
    ],
    [
      'Every action that requires a foo_token should include a bar_id.',
      'should',
      'expected "must also include <token>" after the required token, found "should"',
    ],
  ])('%s', (text, at, fragment) => {
    const column = '1. '.length + text.indexOf(at) + 1;
    const error = failure(`1. ${text}`);
    expect(error.code).toBe('POLICY_RULE_UNPARSEABLE');
    expect(error.details).toMatchObject({ rule: 1, column });
    expect(error.message).toContain(`Rule 1, column ${column}: `);
    expect(error.message).toContain(fragment);
  });

  it('names the tokens other rules require when a requirement names another', () => {
    const error = failure(
      `1. ${rule}\n2. Every action that requires a refund_token must also include a manager_id.`,
    );
    expect(error.message).toContain(
      'expected a token that another rule requires (deletion_ticket)',
    );
  });
});

describe('policy-level errors', () => {
  it('rejects an empty policy and a policy of comments only', () => {
    expect(failure('').code).toBe('POLICY_EMPTY');
    expect(failure('  \n\n').code).toBe('POLICY_EMPTY');
    expect(failure('# nothing yet\n').code).toBe('POLICY_EMPTY');
  });

  it('rejects more than 50 rules, and honours maxRules', () => {
    const rules = (count: number) =>
      Array.from(
        { length: count },
        (_, index) => `${index + 1}. Do not drop t${index} unless a k is provided.`,
      ).join('\n');
    expect(compilePolicy(rules(50)).ir.rules).toHaveLength(50);
    const error = failure(rules(51));
    expect(error.code).toBe('POLICY_TOO_LARGE');
    expect(error.message).toBe('The policy has 51 rules; the limit is 50.');
    expect(failure(rules(3), { maxRules: 2 }).code).toBe('POLICY_TOO_LARGE');
  });

  it('rejects more than 5,000 characters, and honours maxCharacters', () => {
    const long = `1. Do not delete ${'very '.repeat(1000)}old invoices unless a t is provided.`;
    const error = failure(long);
    expect(error.code).toBe('POLICY_TOO_LARGE');
    expect(error.message).toBe(`The policy has ${long.length} characters; the limit is 5000.`);
    expect(failure(`1. ${rule}`, { maxCharacters: 10 }).code).toBe('POLICY_TOO_LARGE');
  });

  it('rejects numbering gaps, duplicates, wrong starts and unnumbered lines, listing each problem', () => {
    expect(failure(`1. ${rule}\n3. ${rule}`).message).toBe(
      'Policy numbering: rules must be numbered 1 to 2 in order, found 1, 3.',
    );
    expect(failure(`1. ${rule}\n1. ${rule}`).message).toBe(
      'Policy numbering: rule number 1 is used 2 times (lines 1, 2); rules must be numbered 1 to 2 in order, found 1, 1.',
    );
    expect(failure(`2. ${rule}`).code).toBe('POLICY_NUMBERING');
    const error = failure(`Our policy:\n1. ${rule}\n2.`);
    expect(error.code).toBe('POLICY_NUMBERING');
    expect(error.details['problems']).toEqual([
      'line 1 is not a numbered rule (each rule starts with its number, e.g. "1. Do not ..."): "Our policy:"',
      'rule 2 (line 3) is empty',
    ]);
  });
});

describe('duplicates and contradictions', () => {
  it('warns about duplicate and covered rules, keeping every rule', () => {
    const { ir } = compilePolicy(
      [
        '1. Do not send records unless a t is provided.',
        '2. Do not send records unless a t is provided in the action.',
        '3. Do not send records to an external destination unless a t is provided.',
        '4. Do not export more than 5 files in a single agent session unless a k is provided.',
        '5. Do not export more than 9 files in a single agent session unless a k is provided.',
      ].join('\n'),
    );
    expect(ir.rules).toHaveLength(5);
    expect(ir.warnings).toEqual([
      'Rule 2 duplicates rule 1: both are violated by exactly the same actions.',
      'Rule 3 is covered by rule 1: every action that violates rule 3 also violates rule 1.',
      'Rule 5 is covered by rule 4: every action that violates rule 5 also violates rule 4.',
    ]);
  });

  it('warns about a rule that can never be violated', () => {
    const { ir } = compilePolicy('1. Do not send records unless a send_records is provided.');
    expect(ir.warnings).toEqual([
      'Rule 1 can never be violated: it requires a variable to be both true and false.',
    ]);
  });

  it('turns warnings into errors with warningsAsErrors', () => {
    const duplicate = failure(`1. ${rule}\n2. ${rule}`, { warningsAsErrors: true });
    expect(duplicate.code).toBe('POLICY_RULE_DUPLICATE');
    const never = failure('1. Do not send records unless a send_records is provided.', {
      warningsAsErrors: true,
    });
    expect(never.code).toBe('POLICY_RULE_CONTRADICTION');
  });

  it('rejects one name used for two kinds of variable', () => {
    const error = failure(
      '1. Do not send records unless a classification is provided.\n2. Do not access records with classification "x" unless an a is provided.',
    );
    expect(error.code).toBe('POLICY_RULE_CONTRADICTION');
    expect(error.message).toBe(
      'Rules use the same name for different things: "classification" is a token (bool) in rule 1 but an attribute (enum) in rule 2.',
    );
  });
});
