import { describe, expect, it, vi } from 'vitest';
import { createLocalEngine } from '../engine/local';
import { createMemorySessionStore } from '../session/memory-session-store';
import type { SessionStore } from '../session/session-store';
import { isoPolicy, isoTools } from './__fixtures__/iso42001';
import { createGuard } from './create-guard';
import type { Decision, DecisionRecorder, Engine, PermissionVerifier } from './types';

// Attack (availability): a dependency that never answers must not hang the agent loop forever,
// and must never let the call through. Each test gives the guard a small `timeoutMs`; the
// dependency never resolves, so the outcome does not depend on the machine's speed.
const policy = isoPolicy();
const never = <T>() => new Promise<T>(() => {});
const update = {
  tool: 'updateRecord',
  args: { id: 'c1', classification: 'standard' },
  toolCallId: 'c',
};
const tokens = { authorization_token: 't', approver_id: 'a' };
// The test's own timeout only detects a hang; it is not a performance threshold.
const hangDetector = 20_000;

describe('attack: dependencies that never answer', () => {
  it('an engine that never resolves blocks with GUARD_TIMEOUT', {
    timeout: hangDetector,
  }, async () => {
    const local = createLocalEngine({ policy: policy.ir });
    let hang = false;
    let aborted = false;
    const engine: Engine = {
      name: 'stuck',
      decide: (action, options) => {
        if (!hang) return local.decide(action);
        options?.signal?.addEventListener('abort', () => {
          aborted = true;
        });
        return never();
      },
    };
    const guard = await createGuard({ policy, tools: isoTools, engine, timeoutMs: 50 });
    hang = true;
    const decision = await guard.check(update, tokens);
    expect(decision).toMatchObject({ allowed: false, result: 'ERROR', code: 'GUARD_TIMEOUT' });
    // The engine's work is cancelled, so a remote check does not keep running.
    expect(aborted).toBe(true);
  });

  it('a permission verifier or session store that never resolves blocks', {
    timeout: hangDetector,
  }, async () => {
    const verifier: PermissionVerifier = { verify: () => never() };
    const stuckVerifier = await createGuard({
      policy,
      tools: isoTools,
      permissionVerifier: verifier,
      timeoutMs: 50,
    });
    expect(await stuckVerifier.check(update, tokens)).toMatchObject({
      allowed: false,
      code: 'GUARD_TIMEOUT',
    });

    const store = {
      totals: async () => ({}),
      reserve: () => never<never>(),
      commit: async () => {},
      release: async () => {},
    };
    const stuckStore = await createGuard({
      policy,
      tools: isoTools,
      sessionStore: store,
      timeoutMs: 50,
    });
    expect(await stuckStore.check(update, tokens)).toMatchObject({
      allowed: false,
      code: 'GUARD_TIMEOUT',
    });
  });

  it('a reservation made after the deadline is released, not leaked', {
    timeout: hangDetector,
  }, async () => {
    let releaseEngine: () => void = () => {};
    const local = createLocalEngine({ policy: policy.ir });
    let hang = false;
    const engine: Engine = {
      name: 'late',
      decide: async (action) => {
        if (hang) await new Promise<void>((resolve) => (releaseEngine = resolve));
        return local.decide(action);
      },
    };
    const released: string[] = [];
    const inner = createMemorySessionStore();
    const store: SessionStore = {
      ...inner,
      release: async (reservation) => {
        released.push(reservation.id);
        await inner.release(reservation);
      },
    };
    const guard = await createGuard({
      policy,
      tools: isoTools,
      engine,
      sessionStore: store,
      timeoutMs: 50,
    });
    hang = true;
    const late = await guard.check(update, tokens);
    expect(late.code).toBe('GUARD_TIMEOUT');
    releaseEngine();
    await vi.waitFor(() => expect(released).toHaveLength(1));
    expect((await inner.totals('default'))['session_record_count'] ?? 0).toBe(0);
  });

  it('a recorder that never resolves blocks with RECEIPT_NOT_WRITTEN', {
    timeout: hangDetector,
  }, async () => {
    const recorder: DecisionRecorder = {
      recordDecision: () => never(),
      recordOutcome: () => never(),
    };
    const guard = await createGuard({ policy, tools: isoTools, recorder, timeoutMs: 50 });
    const decision = await guard.check(update, tokens);
    expect(decision).toMatchObject({
      allowed: false,
      wouldAllow: false,
      code: 'RECEIPT_NOT_WRITTEN',
    });
    expect(decision.reason).toMatch(/did not answer within 50 ms/);
    // settle must not hang either.
    await guard.settle(decision, { ran: false, ok: false });
  });

  it('onDecision that never resolves, throws or rejects changes nothing', {
    timeout: hangDetector,
  }, async () => {
    const hooks = [
      () => never<void>(),
      () => {
        throw new Error('hook');
      },
      async () => {
        throw new Error('async hook');
      },
    ];
    for (const onDecision of hooks) {
      const guard = await createGuard({ policy, tools: isoTools, onDecision });
      const decision: Decision = await guard.check(update, tokens);
      expect(decision).toMatchObject({ allowed: true, result: 'SAT' });
    }
  });

  it('timeoutMs is validated', async () => {
    for (const timeoutMs of [-1, Number.NaN, '5' as unknown as number]) {
      await expect(createGuard({ policy, tools: isoTools, timeoutMs })).rejects.toMatchObject({
        code: 'GUARD_CONFIG_INVALID',
      });
    }
  });
});
