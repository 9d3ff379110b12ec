import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createLocalEngine } from '../engine/local';
import { PreflightError } from '../errors';
import { createMemorySessionStore } from '../session/memory-session-store';
import { isoPolicy, isoTools } from './__fixtures__/iso42001';
import { createGuard } from './create-guard';
import type { Decision, DecisionRecorder, Engine, EngineVerdict } from './types';

const compiled = isoPolicy();
const tokens = { authorization_token: 'tok', approver_id: 'mhayes' };
const update = {
  tool: 'updateRecord',
  args: { classification: 'standard' },
  toolCallId: 'c',
  sessionId: 's',
};

/** A local engine that can be switched to misbehave after the self-test. */
function switchableEngine() {
  const local = createLocalEngine({ policy: compiled });
  const state: { mode: 'ok' | 'throw' | 'error' | 'garbage' | 'sat' } = { mode: 'ok' };
  const engine: Engine = {
    name: 'switchable',
    async decide(action) {
      if (state.mode === 'throw') throw new Error('engine exploded');
      if (state.mode === 'error')
        return {
          engine: 'switchable',
          result: 'ERROR',
          violations: [],
          unknown: [],
          reason: 'timeout',
        };
      if (state.mode === 'garbage') return { result: 'MAYBE' } as unknown as EngineVerdict;
      if (state.mode === 'sat')
        return { engine: 'switchable', result: 'SAT', violations: [], unknown: [] };
      return local.decide(action);
    },
  };
  return { engine, state };
}

describe('guard: fail closed', () => {
  it.each([
    ['throws', 'throw', /engine threw: engine exploded/],
    ['answers ERROR', 'error', /timeout/],
    ['answers garbage', 'garbage', /unknown result/],
  ] as const)('blocks with ENGINE_ERROR when the engine %s', async (_name, mode, reason) => {
    const { engine, state } = switchableEngine();
    const guard = await createGuard({ policy: compiled, tools: isoTools, engine });
    state.mode = mode;
    const decision = await guard.check(update, tokens);
    expect(decision).toMatchObject({ allowed: false, result: 'ERROR', code: 'ENGINE_ERROR' });
    expect(decision.reason).toMatch(reason);
  });

  it('blocks bad args with ARGS_INVALID and a clear reason', async () => {
    const guard = await createGuard({ policy: compiled, tools: isoTools });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const args of [{ n: 1n }, cyclic, { f: () => 1 }, { s: 'x'.repeat(200_000) }]) {
      const decision = await guard.check({ ...update, args });
      expect(decision).toMatchObject({ allowed: false, code: 'ARGS_INVALID', result: 'ERROR' });
      expect(decision.reason).toMatch(/^Blocked: invalid tool args at args\.\w+: /);
    }
    expect((await guard.check({ ...update, args: { s: 'abcdef' } })).code).not.toBe('ARGS_INVALID');
    const strict = await createGuard({
      policy: compiled,
      tools: isoTools,
      argsLimits: { maxStringLength: 3 },
    });
    expect(await strict.check({ ...update, args: { s: 'abcdef' } })).toMatchObject({
      code: 'ARGS_INVALID',
    });
  });

  it('blocks with MAPPING_FAILED when a mapping throws', async () => {
    const guard = await createGuard({
      policy: compiled,
      tools: {
        broken: {
          variables: {
            record_count: () => {
              throw new Error('oops');
            },
          },
        },
      },
    });
    expect(await guard.check({ ...update, tool: 'broken' })).toMatchObject({
      allowed: false,
      code: 'MAPPING_FAILED',
    });
  });

  it('blocks with SESSION_STORE_FAILED when the store fails', async () => {
    const store = createMemorySessionStore();
    const guard = await createGuard({
      policy: compiled,
      tools: isoTools,
      sessionStore: {
        ...store,
        reserve: async () => {
          throw new Error('redis down');
        },
      },
    });
    const decision = await guard.check(update, tokens);
    expect(decision).toMatchObject({ allowed: false, code: 'SESSION_STORE_FAILED' });
    expect(decision.reason).toMatch(/redis down/);
  });

  it('never throws, whatever it is handed', async () => {
    const guard = await createGuard({ policy: compiled, tools: isoTools });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(
            'updateRecord',
            'exportRecords',
            'readRecords',
            '__proto__',
            'constructor',
          ),
          fc.string(),
        ),
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withNullPrototype: true,
          withTypedArray: true,
        }),
        fc.oneof(fc.constant(undefined), fc.anything()),
        async (tool, args, context) => {
          const decision = await guard.check({ tool, args, toolCallId: 'x' }, context as never);
          expect(typeof decision.allowed).toBe('boolean');
          expect(typeof decision.reason).toBe('string');
          if (!decision.allowed) expect(decision.code).toBeDefined();
        },
      ),
      { numRuns: 300 },
    );
    for (const bad of [null, undefined, 42, { tool: 7 }, { tool: '' }]) {
      expect(await guard.check(bad as never)).toMatchObject({
        allowed: false,
        code: 'CALL_INVALID',
      });
    }
    expect(await guard.check(update, 'not an object' as never)).toMatchObject({
      code: 'CALL_INVALID',
    });
  });
});

describe('guard: write-ahead recording', () => {
  function recorder(overrides: Partial<DecisionRecorder> = {}) {
    const log: string[] = [];
    const sink: DecisionRecorder = {
      recordDecision: vi.fn(async (decision: Decision) => {
        log.push(`decision:${decision.result}`);
        return { id: `receipt-${log.length}`, seq: log.length };
      }),
      recordOutcome: vi.fn(async (_decision: Decision, outcome) => {
        log.push(`outcome:${outcome.ran}`);
      }),
      ...overrides,
    };
    return { sink, log };
  }

  it('returns an allowed decision only after the recorder resolved, with the receipt', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { sink } = recorder({
      recordDecision: async () => {
        await gate;
        return { id: 'receipt-1', seq: 1 };
      },
    });
    const guard = await createGuard({ policy: compiled, tools: isoTools, recorder: sink });
    let settled = false;
    const pending = guard.check(update, tokens).then((decision) => {
      settled = true;
      return decision;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    const decision = await pending;
    expect(decision).toMatchObject({ allowed: true, receipt: { id: 'receipt-1', seq: 1 } });
    expect(decision.timings.recordMs).toBeGreaterThanOrEqual(0);
  });

  it('records blocked and screened-out decisions too, and outcomes at settle', async () => {
    const { sink, log } = recorder();
    const guard = await createGuard({ policy: compiled, tools: isoTools, recorder: sink });
    const blocked = await guard.check(update);
    const screened = await guard.check({ ...update, tool: 'getWeather', args: { city: 'Oslo' } });
    await guard.settle(blocked, { ran: false, ok: false });
    await guard.settle(screened, { ran: true, ok: true });
    expect(log).toEqual(['decision:UNSAT', 'decision:SAT', 'outcome:false', 'outcome:true']);
    expect(vi.mocked(sink.recordDecision).mock.calls[1]?.[0].screenedOut).toBe(true);
    expect(vi.mocked(sink.recordDecision).mock.calls[0]?.[1]).toEqual({ policy: compiled.ir });
  });

  it('blocks with RECEIPT_NOT_WRITTEN and releases the counters when recording fails', async () => {
    const store = createMemorySessionStore();
    const { sink } = recorder({
      recordDecision: async () => {
        throw new Error('disk full');
      },
    });
    const guard = await createGuard({
      policy: compiled,
      tools: isoTools,
      recorder: sink,
      sessionStore: store,
    });
    const decision = await guard.check(update, tokens);
    expect(decision).toMatchObject({
      allowed: false,
      wouldAllow: false,
      result: 'SAT',
      code: 'RECEIPT_NOT_WRITTEN',
    });
    expect(decision.reason).toMatch(/disk full/);
    expect(await store.totals('s')).toEqual({});
  });

  it('blocks when the recorder resolves without a receipt (write-ahead needs a receipt id)', async () => {
    const { sink } = recorder({
      // A recorder that forgets to return its receipt: the call must not run unrecorded.
      recordDecision: async () => undefined as never,
    });
    const guard = await createGuard({ policy: compiled, tools: isoTools, recorder: sink });
    const decision = await guard.check(update, tokens);
    expect(decision).toMatchObject({ allowed: false, code: 'RECEIPT_NOT_WRITTEN' });
    expect(decision.reason).toMatch(/no receipt id/);
  });

  it('swallows outcome-recording and onDecision failures', async () => {
    const { sink } = recorder({
      recordOutcome: async () => {
        throw new Error('nope');
      },
    });
    const onDecision = vi.fn(() => {
      throw new Error('hook bug');
    });
    const guard = await createGuard({
      policy: compiled,
      tools: isoTools,
      recorder: sink,
      onDecision,
    });
    const decision = await guard.check(update, tokens);
    expect(decision.allowed).toBe(true);
    expect(onDecision).toHaveBeenCalledWith(decision);
    await expect(guard.settle(decision, { ran: true, ok: true })).resolves.toBeUndefined();
    const rejecting = await createGuard({
      policy: compiled,
      tools: isoTools,
      onDecision: async () => {
        throw new Error('async hook bug');
      },
    });
    expect((await rejecting.check(update, tokens)).allowed).toBe(true);
  });
});

describe('guard: start-up', () => {
  it('refuses to start when the engine lets a forbidden action through', async () => {
    const { engine, state } = switchableEngine();
    state.mode = 'sat';
    const error = await createGuard({ policy: compiled, engine }).catch((e: unknown) => e);
    expect(PreflightError.isInstance(error) && error.code).toBe('GUARD_SELF_TEST_FAILED');
    expect((error as Error).message).toMatch(/rule \d+: a forbidden action came back SAT/);
    state.mode = 'throw';
    await expect(createGuard({ policy: compiled, engine })).rejects.toMatchObject({
      code: 'GUARD_SELF_TEST_FAILED',
    });
  });

  it('tests every rule by default, one rule on request', async () => {
    const local = createLocalEngine({ policy: compiled });
    const decide = vi.fn(local.decide);
    await createGuard({ policy: compiled, engine: { name: 'spy', decide } });
    expect(decide).toHaveBeenCalledTimes(compiled.ir.rules.length);
    decide.mockClear();
    await createGuard({ policy: compiled, engine: { name: 'spy', decide }, selfTest: 'one-rule' });
    expect(decide).toHaveBeenCalledTimes(1);
  });

  it('rejects bad configuration with a coded error', async () => {
    await expect(createGuard({ policy: compiled, mode: 'loud' as never })).rejects.toMatchObject({
      code: 'GUARD_CONFIG_INVALID',
    });
    await expect(
      createGuard({
        policy: compiled,
        tools: { t: { variables: { authorisation_token: { from: 'context', key: 'k' } } } },
      }),
    ).rejects.toMatchObject({
      code: 'GUARD_CONFIG_INVALID',
      message: expect.stringMatching(/authorisation_token/),
    });
    await expect(
      createGuard({
        policy: compiled,
        tools: { t: { variables: { session_record_count: { const: 0 } } } },
      }),
    ).rejects.toMatchObject({ code: 'GUARD_CONFIG_INVALID' });
    await expect(
      createGuard({ policy: compiled, tools: { t: { trustArgs: ['classification'] } } }),
    ).rejects.toMatchObject({ code: 'GUARD_CONFIG_INVALID' });
    await expect(createGuard({ policy: '1. Do whatever.' })).rejects.toMatchObject({
      code: 'POLICY_RULE_UNPARSEABLE',
    });
    await expect(
      createGuard({ policy: '1. Do not call third-party APIs not on the approved-vendor list.' }),
    ).rejects.toMatchObject({ code: 'POLICY_LIST_MISSING' });
    await expect(
      createGuard({
        policy: '1. Do not call third-party APIs not on the approved-vendor list.',
        lists: { approved_vendor: ['acme'] },
      }),
    ).resolves.toBeDefined();
  });
});

describe('guard: unprintable failures', () => {
  // An object String() throws on: a failure must still be a block, never a throw.
  const unprintable = () => Object.create(null) as unknown;

  it('blocks when the engine throws a value that cannot be printed', async () => {
    const local = createLocalEngine({ policy: compiled });
    let broken = false;
    const engine: Engine = {
      name: 'unprintable',
      async decide(action) {
        if (broken) throw unprintable();
        return local.decide(action);
      },
    };
    const guard = await createGuard({ policy: compiled, tools: isoTools, engine });
    broken = true;
    const decision = await guard.check(update, tokens);
    expect(decision).toMatchObject({ allowed: false, result: 'ERROR', code: 'ENGINE_ERROR' });
  });

  it('blocks when the recorder rejects with a value that cannot be printed', async () => {
    const sink: DecisionRecorder = {
      recordDecision: async () => {
        throw unprintable();
      },
      recordOutcome: async () => {},
    };
    const guard = await createGuard({ policy: compiled, tools: isoTools, recorder: sink });
    const decision = await guard.check(update, tokens);
    expect(decision).toMatchObject({ allowed: false, code: 'RECEIPT_NOT_WRITTEN' });
  });

  it('blocks when the session store rejects with a value that cannot be printed', async () => {
    const store = createMemorySessionStore();
    store.totals = async () => {
      throw unprintable();
    };
    const guard = await createGuard({
      policy: compiled,
      tools: isoTools,
      sessionStore: store,
    });
    const decision = await guard.check(update, tokens);
    expect(decision).toMatchObject({ allowed: false, code: 'SESSION_STORE_FAILED' });
  });
});
