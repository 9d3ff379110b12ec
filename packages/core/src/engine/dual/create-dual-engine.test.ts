import { describe, expect, it } from 'vitest';
import type { Action, DecisionResult, Engine } from '../../guard/types';
import { createDualEngine } from './create-dual-engine';

const engine = (name: string, result: DecisionResult | 'throw', delayMs = 0): Engine => ({
  name,
  async decide() {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (result === 'throw') throw new Error('kaput');
    return {
      engine: name,
      result,
      violations: result === 'UNSAT' ? [{ id: 2, text: 'rule 2' }] : [],
      unknown: [],
      reason: `${name}: ${result}`,
    };
  },
});
const action = {} as Action;

describe('createDualEngine', () => {
  it.each([
    ['SAT', 'SAT', 'SAT'],
    ['SAT', 'UNSAT', 'UNSAT'],
    ['UNSAT', 'SAT', 'UNSAT'],
    ['SAT', 'SATISFIABLE', 'SATISFIABLE'],
    ['ERROR', 'UNSAT', 'UNSAT'],
    ['SAT', 'ERROR', 'ERROR'],
    ['SATISFIABLE', 'ERROR', 'ERROR'],
  ] as const)('local %s + remote %s -> %s', async (local, remote, expected) => {
    const verdict = await createDualEngine({
      local: engine('local', local),
      remote: engine('icme', remote),
    }).decide(action);
    expect(verdict.result).toBe(expected);
    expect(verdict.details?.['agree']).toBe(local === remote);
    expect(verdict.details?.['verdicts']).toMatchObject({
      local: { result: local },
      remote: { result: remote },
    });
    if (local !== remote)
      expect(verdict.details?.['disagreement']).toBe(`local says ${local}, icme says ${remote}`);
  });

  it('runs both engines concurrently and survives one that throws', async () => {
    // Concurrency without timing: each engine records when it started and finished; the second
    // engine must start before the first one finishes.
    const events: string[] = [];
    const traced = (inner: Engine): Engine => ({
      name: inner.name,
      async decide(a, options) {
        events.push(`start ${inner.name}`);
        try {
          return await inner.decide(a, options);
        } finally {
          events.push(`end ${inner.name}`);
        }
      },
    });
    const verdict = await createDualEngine({
      local: traced(engine('local', 'SAT', 40)),
      remote: traced(engine('icme', 'throw', 40)),
    }).decide(action);
    expect(events.slice(0, 2).sort()).toEqual(['start icme', 'start local']);
    expect(verdict).toMatchObject({
      engine: 'dual',
      result: 'ERROR',
      details: { decidedBy: 'icme' },
    });
  });

  it.each([
    ['an unknown result', { result: 'MAYBE', violations: [], unknown: [] }],
    ['a lower-case result', { result: 'unsat', violations: [], unknown: [] }],
    ['no verdict', null],
  ])(
    'fails closed when the remote engine answers %s next to a local SAT',
    async (_name, answer) => {
      const remote = { name: 'icme', decide: async () => answer } as unknown as Engine;
      const verdict = await createDualEngine({ local: engine('local', 'SAT'), remote }).decide(
        action,
      );
      expect(verdict.result).toBe('ERROR');
      expect(verdict.details).toMatchObject({ decidedBy: 'icme' });
    },
  );

  it('does not throw on a verdict without violation or unknown lists', async () => {
    const remote = { name: 'icme', decide: async () => ({ result: 'SAT' }) } as unknown as Engine;
    const verdict = await createDualEngine({ local: engine('local', 'SAT'), remote }).decide(
      action,
    );
    expect(verdict).toMatchObject({ result: 'SAT', violations: [], unknown: [] });
  });

  it('fails closed when the local engine answers an unknown result next to a remote SAT', async () => {
    const local = { name: 'local', decide: async () => ({ result: 'OK' }) } as unknown as Engine;
    const verdict = await createDualEngine({ local, remote: engine('icme', 'SAT') }).decide(action);
    expect(verdict.result).toBe('ERROR');
  });
});
