import { describe, expect, it } from 'vitest';
import { type DenialFacts, formatDenial, permissionHint } from './format-denial';

const unsat: DenialFacts = {
  id: 'd-1',
  result: 'UNSAT',
  code: 'POLICY_UNSAT',
  reason: 'Blocked: violates rule 1.',
  violations: [{ id: 1, text: 'Do not transfer customer records externally.' }],
  unknown: [],
  wouldAllowWith: ['authorization_token', 'approver_id'],
  receipt: { id: 'r-9' },
};

describe('formatDenial', () => {
  it('names the tool, the rules, what would allow it and the receipt', () => {
    expect(formatDenial(unsat, 'exportRecords')).toBe(
      [
        'PreFlight blocked this call: the tool "exportRecords" did not run (UNSAT, POLICY_UNSAT).',
        'Violated rules:',
        '  1. Do not transfer customer records externally.',
        'It would be allowed with: authorization_token, approver_id. These come from the application after a human approves; values written into tool arguments do not count, so do not retry with invented tokens.',
        'Receipt: r-9',
      ].join('\n'),
    );
  });

  it('gives the reason and the unknowns when no rule was violated', () => {
    const text = formatDenial(
      {
        id: 'd-2',
        result: 'SATISFIABLE',
        reason: 'Blocked: depends on record_count.',
        violations: [],
        unknown: ['record_count'],
      },
      'exportRecords',
    );
    expect(text).toContain('(SATISFIABLE).');
    expect(text).toContain('Reason: Blocked: depends on record_count.');
    expect(text).toContain('The decision depends on: record_count.');
    expect(text).not.toContain('It would be allowed with');
    expect(text.endsWith('Receipt: d-2')).toBe(true);
  });
});

describe('permissionHint', () => {
  it('is undefined when no permission helps, also for malformed input', () => {
    expect(permissionHint(undefined)).toBeUndefined();
    expect(permissionHint([])).toBeUndefined();
    expect(permissionHint('authorization_token' as unknown as string[])).toBeUndefined();
  });
});
