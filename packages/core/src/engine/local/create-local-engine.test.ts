import { describe, expect, it } from 'vitest';
import { isoPolicy } from '../../guard/__fixtures__/iso42001';
import type { Action } from '../../guard/types';
import type { Assignment } from '../../policy/ir';
import { createLocalEngine } from './create-local-engine';

const compiled = isoPolicy();
const action = (assignment: Assignment): Action => ({
  tool: 't',
  toolCallId: 'c',
  sessionId: 's',
  variables: {},
  description: '',
  digest: 'sha256:0',
  argsDigest: 'sha256:0',
  assignment,
});

describe('createLocalEngine', () => {
  const engine = createLocalEngine({ policy: compiled });

  it('decides SAT, UNSAT (with rules) and SATISFIABLE (with unknowns)', async () => {
    const unsat = await engine.decide(
      action({ modify_production_records: true, authorization_token: false }),
    );
    expect(unsat).toMatchObject({ engine: 'local', result: 'UNSAT', violations: [{ id: 2 }] });
    const sat = await engine.decide(
      action({
        transfer_customer_records: false,
        modify_production_records: false,
        session_record_count: 1,
        classification: '(other)',
      }),
    );
    expect(sat).toEqual({ engine: 'local', result: 'SAT', violations: [], unknown: [] });
    const open = await engine.decide(action({ session_record_count: 1 }));
    expect(open.result).toBe('SATISFIABLE');
    expect(open.unknown.length).toBeGreaterThan(0);
  });

  it('answers ERROR instead of throwing on a bad assignment', async () => {
    const verdict = await engine.decide(action({ record_count: 'lots', no_such_variable: true }));
    expect(verdict).toMatchObject({ engine: 'local', result: 'ERROR', reason: expect.any(String) });
  });

  it('takes IR directly and a custom name', async () => {
    const named = createLocalEngine({ policy: compiled.ir, name: 'embedded' });
    expect(named.name).toBe('embedded');
    expect(
      (await named.decide(action({ approval_token: false, classification: 'restricted' }))).result,
    ).toBe('UNSAT');
  });
});
