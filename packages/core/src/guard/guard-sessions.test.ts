import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemorySessionStore } from '../session/memory-session-store';
import { isoPolicy, isoTools } from './__fixtures__/iso42001';
import { createGuard } from './create-guard';

const compiled = isoPolicy();
const read = (count: number, sessionId: string | undefined, id = 'c') => ({
  tool: 'readRecords',
  args: { ids: Array.from({ length: count }, (_, i) => `r${i}`), classification: 'public' },
  toolCallId: id,
  ...(sessionId === undefined ? {} : { sessionId }),
});

describe('guard: session counters', () => {
  it('admits up to the limit, commits only calls that ran, and blocks the 11th record', async () => {
    const store = createMemorySessionStore();
    const guard = await createGuard({ policy: compiled, tools: isoTools, sessionStore: store });
    const first = await guard.check(read(6, 's'));
    await guard.settle(first, { ran: true, ok: true });
    const failed = await guard.check(read(4, 's'));
    expect(failed.allowed).toBe(true);
    await guard.settle(failed, { ran: true, ok: false });
    expect(await store.totals('s')).toEqual({ session_record_count: 6 });
    const fits = await guard.check(read(4, 's'));
    expect(fits.action?.assignment['session_record_count']).toBe(10);
    await guard.settle(fits, { ran: true, ok: true });
    const over = await guard.check(read(1, 's'));
    expect(over).toMatchObject({
      allowed: false,
      result: 'UNSAT',
      wouldAllowWith: ['re_authorization_token'],
    });
    await guard.settle(over, { ran: false, ok: false });
    expect(await store.totals('s')).toEqual({ session_record_count: 10 });
    // With the re-authorization token in trusted context it may go on.
    const reauthorised = await guard.check(read(1, 's'), { re_authorization_token: 'tok' });
    expect(reauthorised.allowed).toBe(true);
  });

  it('keeps sessions apart; calls without a session share the default one', async () => {
    const guard = await createGuard({ policy: compiled, tools: isoTools });
    await guard.settle(await guard.check(read(9, 'a')), { ran: true, ok: true });
    expect((await guard.check(read(9, 'b'))).allowed).toBe(true);
    await guard.settle(await guard.check(read(9, undefined)), { ran: true, ok: true });
    const next = await guard.check(read(9, undefined));
    expect(next.action?.sessionId).toBe('default');
    expect(next.allowed).toBe(false);
  });

  it('never over-admits many parallel calls in one session', async () => {
    const store = createMemorySessionStore();
    const guard = await createGuard({ policy: compiled, tools: isoTools, sessionStore: store });
    const decisions = await Promise.all(
      Array.from({ length: 40 }, (_, i) => guard.check(read(1, 'p', `c${i}`))),
    );
    const allowed = decisions.filter((decision) => decision.allowed);
    expect(allowed.length).toBeGreaterThan(0);
    expect(allowed.length).toBeLessThanOrEqual(10);
    for (const decision of allowed) {
      expect(decision.action?.assignment['session_record_count']).toBeLessThanOrEqual(10);
    }
    await Promise.all(decisions.map((d) => guard.settle(d, { ran: d.allowed, ok: d.allowed })));
    expect((await store.totals('p'))['session_record_count']).toBe(allowed.length);
  });

  it('never over-admits random parallel batches with interleaved settles (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            count: fc.integer({ min: 0, max: 6 }),
            ran: fc.boolean(),
            delay: fc.integer({ min: 0, max: 3 }),
          }),
          {
            minLength: 1,
            maxLength: 25,
          },
        ),
        async (calls) => {
          const store = createMemorySessionStore();
          const guard = await createGuard({
            policy: compiled,
            tools: isoTools,
            sessionStore: store,
            selfTest: 'one-rule',
          });
          await Promise.all(
            calls.map(async ({ count, ran, delay }, i) => {
              const decision = await guard.check(read(count, 'p', `c${i}`));
              if (decision.allowed) {
                expect(decision.action?.assignment['session_record_count']).toBeLessThanOrEqual(10);
              }
              await new Promise((resolve) => setTimeout(resolve, delay));
              await guard.settle(decision, {
                ran: decision.allowed && ran,
                ok: decision.allowed && ran,
              });
            }),
          );
          expect((await store.totals('p'))['session_record_count'] ?? 0).toBeLessThanOrEqual(10);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('in shadow mode keeps counting what actually ran', async () => {
    const store = createMemorySessionStore();
    const guard = await createGuard({
      policy: compiled,
      tools: isoTools,
      sessionStore: store,
      mode: 'shadow',
    });
    const decision = await guard.check(read(15, 's'));
    expect(decision).toMatchObject({ allowed: true, wouldAllow: false });
    await guard.settle(decision, { ran: true, ok: true });
    expect(await store.totals('s')).toEqual({ session_record_count: 15 });
  });

  it('settle is safe to repeat and ignores decisions it does not hold', async () => {
    const store = createMemorySessionStore();
    const guard = await createGuard({ policy: compiled, tools: isoTools, sessionStore: store });
    const decision = await guard.check(read(2, 's'));
    await guard.settle(decision, { ran: true, ok: true });
    await guard.settle(decision, { ran: true, ok: true });
    await guard.settle({ ...decision, id: 'unknown' }, { ran: true, ok: true });
    await guard.settle(null as never, null as never);
    expect(await store.totals('s')).toEqual({ session_record_count: 2 });
  });
});
