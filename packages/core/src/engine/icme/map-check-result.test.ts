import { describe, expect, it } from 'vitest';
import { checkItDoneSchema } from './icme-schemas';
import { mapCheckResult } from './map-check-result';

const map = (raw: Record<string, unknown>) => mapCheckResult(checkItDoneSchema.parse(raw));

describe('mapCheckResult', () => {
  it('allows only SAT with no UNSAT layer', () => {
    expect(
      map({ result: 'SAT', z3_result: 'SAT', ar_result: 'SAT', llm_result: 'SAT' }).result,
    ).toBe('SAT');
    expect(map({ result: 'SAT' }).result).toBe('SAT');
  });

  it.each([
    [{ result: 'UNSAT', z3_result: 'UNSAT' }, ['result', 'z3_result']],
    [
      {
        result: 'UNSAT',
        detail: 'AR blocked this action (local solver: SAT)',
        z3_result: 'SAT',
        ar_result: 'UNSAT',
      },
      ['result', 'ar_result'],
    ],
    [{ result: 'SAT', z3_result: 'UNSAT' }, ['z3_result']],
    [{ result: 'SAT', llm_result: 'UNSAT' }, ['llm_result']],
    [{ result: 'SAT', ar_result: 'INVALID' }, ['ar_result']],
    [{ result: 'AR uncertain', ar_result: 'unsat' }, ['ar_result']],
  ])('blocks any UNSAT and names the layer: %j', (raw, layers) => {
    const decision = map(raw);
    expect(decision.result).toBe('UNSAT');
    expect(decision.blockedBy).toEqual(layers);
  });

  it.each(['AR uncertain', 'SATISFIABLE', 'IMPOSSIBLE', 'TRANSLATION_AMBIGUOUS', 'uncertain'])(
    '%s is uncertain (SATISFIABLE), blocked by default by the guard',
    (result) => {
      const decision = map({ result, z3_result: 'SAT', ar_result: 'SAT' });
      expect(decision).toMatchObject({ result: 'SATISFIABLE', uncertainValue: result });
    },
  );

  it.each([{ result: 'ERROR' }, {}, { result: 'MAYBE' }, { result: '' }])(
    'ERROR, missing or unknown result is ERROR: %j',
    (raw) => {
      expect(map(raw).result).toBe('ERROR');
    },
  );

  it('explains the decision with the ICME detail', () => {
    expect(map({ result: 'UNSAT', detail: 'Unsatisfiable (confirmed by AR)' }).reason).toContain(
      'confirmed by AR',
    );
  });
});
