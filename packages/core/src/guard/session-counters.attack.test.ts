import { describe, expect, it } from 'vitest';
import { isoPolicy, isoTools } from './__fixtures__/iso42001';
import { createGuard } from './create-guard';
import type { Decision } from './types';

// Attack: get more records through a session than rule 3 allows (10), by racing, by settling
// strangely, or by confusing enforce and shadow mode.
const policy = isoPolicy();
const read = (count: number, toolCallId: string, sessionId = 'race') => ({
  tool: 'readRecords',
  args: { ids: Array.from({ length: count }, (_, i) => `r${i}`), classification: 'public' },
  toolCallId,
  sessionId,
});

describe('attack: over-admitting session counters', () => {
  it('parallel calls cannot over-admit, whether or not earlier ones settled', async () => {
    const guard = await createGuard({ policy, tools: isoTools });
    const decisions = await Promise.all(
      Array.from({ length: 12 }, (_, i) => guard.check(read(2, `p${i}`))),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    await Promise.all(decisions.map((d) => guard.settle(d, { ran: d.allowed, ok: d.allowed })));
    expect((await guard.check(read(1, 'after'))).allowed).toBe(false);
  });

  it('settling twice, settling a blocked decision as run, or a forged decision commits nothing extra', async () => {
    const guard = await createGuard({ policy, tools: isoTools });
    const allowed = await guard.check(read(6, 'a', 'settle'));
    await guard.settle(allowed, { ran: true, ok: true });
    await guard.settle(allowed, { ran: true, ok: true });
    const blocked = await guard.check(read(6, 'b', 'settle'));
    expect(blocked.allowed).toBe(false);
    await guard.settle(blocked, { ran: true, ok: true });
    await guard.settle({ id: allowed.id } as Decision, { ran: false, ok: false });
    await guard.settle(null as unknown as Decision, { ran: true, ok: true });
    const next = await guard.check(read(4, 'c', 'settle'));
    expect(next.action?.assignment['session_record_count']).toBe(10);
    expect(next.allowed).toBe(true);
  });

  it('a call that never settles keeps counting (the safe side)', async () => {
    const guard = await createGuard({ policy, tools: isoTools });
    expect((await guard.check(read(8, 'x', 'unsettled'))).allowed).toBe(true);
    expect((await guard.check(read(3, 'y', 'unsettled'))).allowed).toBe(false);
  });

  it('shadow mode lets calls through but counts them, and says what enforce mode would do', async () => {
    const guard = await createGuard({ policy, tools: isoTools, mode: 'shadow' });
    const first = await guard.check(read(8, 'x', 'shadow'));
    await guard.settle(first, { ran: true, ok: true });
    const second = await guard.check(read(8, 'y', 'shadow'));
    expect(second).toMatchObject({ allowed: true, wouldAllow: false, code: 'POLICY_UNSAT' });
    expect(second.reason).toMatch(/^Shadow mode, not enforced\./);
    expect(second.action?.assignment['session_record_count']).toBe(16);
  });

  it('sessions are separate: a fresh session id resets nothing for the old one', async () => {
    const guard = await createGuard({ policy, tools: isoTools });
    const old = await guard.check(read(10, 'o', 'one'));
    await guard.settle(old, { ran: true, ok: true });
    const fresh = await guard.check(read(10, 'f', 'two'));
    await guard.settle(fresh, { ran: true, ok: true });
    expect((await guard.check(read(1, 'o2', 'one'))).allowed).toBe(false);
  });
});
